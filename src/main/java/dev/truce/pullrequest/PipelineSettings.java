package dev.truce.pullrequest;

import java.time.Duration;

import dev.truce.publish.AppIdentity;
import dev.truce.resolve.Resolver;

/**
 * How the pipeline behaves, set by the operator (not by repositories).
 *
 * @param app               the App, as commits and mentions show it
 * @param initialFetchDepth how many commits of each side the first fetch brings
 * @param maxFetchDepth     how deep Truce looks for a merge base before giving up with a comment
 * @param politeReplyPeriod at most one "you cannot trigger Truce" reply per user per pull request in this period
 * @param gitTimeout        how long a fetch or push waits for the git server on one read or write
 * @param jobTimeout        the time one pull request's job may take; what is undecided by then needs a human
 * @param fileTimeout       the time the strategies and the model may spend on one conflicted file, within the job's
 * @param maxLineLength     strategies that parse lines leave hunks with a longer line to the model or a human
 */
public record PipelineSettings(AppIdentity app, int initialFetchDepth, int maxFetchDepth, Duration politeReplyPeriod,
        Duration gitTimeout, Duration jobTimeout, Duration fileTimeout, int maxLineLength) {

    /**
     * Depth 50, then doubling up to 3,200 commits; one polite reply per hour; git waits 2 minutes; a job may take 15
     * minutes and a file 2; lines up to {@link Resolver#DEFAULT_MAX_LINE_LENGTH} characters are parsed.
     */
    public static PipelineSettings defaults(AppIdentity app) {
        return new PipelineSettings(app, 50, 3200, Duration.ofHours(1), Duration.ofMinutes(2), Duration.ofMinutes(15),
                Duration.ofMinutes(2), Resolver.DEFAULT_MAX_LINE_LENGTH);
    }

    /** These settings with another fetch depth. */
    public PipelineSettings withFetchDepth(int initial, int max) {
        return new PipelineSettings(app, initial, max, politeReplyPeriod, gitTimeout, jobTimeout, fileTimeout,
                maxLineLength);
    }

    /** These settings with other time limits for a job and for one file in it. */
    public PipelineSettings withTimeouts(Duration job, Duration file) {
        return new PipelineSettings(app, initialFetchDepth, maxFetchDepth, politeReplyPeriod, gitTimeout, job, file,
                maxLineLength);
    }

    /** These settings with other limits from the operator's configuration. */
    public PipelineSettings withLimits(Duration git, Duration job, Duration file, int lineLength) {
        return new PipelineSettings(app, initialFetchDepth, maxFetchDepth, politeReplyPeriod, git, job, file,
                lineLength);
    }
}
