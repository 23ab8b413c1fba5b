package dev.truce.pullrequest;

import java.time.Duration;

import dev.truce.publish.AppIdentity;

/**
 * How the pipeline behaves, set by the operator (not by repositories).
 *
 * @param app               the App, as commits and mentions show it
 * @param initialFetchDepth how many commits of each side the first fetch brings
 * @param maxFetchDepth     how deep Truce looks for a merge base before giving up with a comment
 * @param politeReplyPeriod at most one "you cannot trigger Truce" reply per user per pull request in this period
 */
public record PipelineSettings(AppIdentity app, int initialFetchDepth, int maxFetchDepth, Duration politeReplyPeriod) {

    /** Depth 50, then doubling up to 3,200 commits; one polite reply per hour. */
    public static PipelineSettings defaults(AppIdentity app) {
        return new PipelineSettings(app, 50, 3200, Duration.ofHours(1));
    }
}
