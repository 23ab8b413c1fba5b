package dev.truce.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import dev.truce.context.Precedents;
import dev.truce.resolve.Deadline;

/**
 * What the driver asks of one merge besides the merge itself: which paths to leave to a human, what the pull request
 * says about itself, and how long the work may take.
 *
 * @param ignored            conflicted paths left to a human untouched (a repository's {@code ignore} globs)
 * @param pullRequestTitle   the pull request's title, told to the model as why the head side changed; or
 *                           {@code null}
 * @param pullRequestBody    its description, likewise; or {@code null}
 * @param deadline           when the whole merge's work stops ({@link Deadline#NONE}: never)
 * @param fileTimeout        the most one file may take of it, or {@code null} for no limit per file
 * @param newCodeNeedsHuman  whether a model's answer that adds code found in none of the three versions is left to a
 *                           human (otherwise it is taken and shown as new code)
 * @param precedents         how the repository resolved conflicts before this merge (its earlier merges only)
 */
public record MergeRequest(Set<String> ignored, String pullRequestTitle, String pullRequestBody, Deadline deadline,
        Duration fileTimeout, boolean newCodeNeedsHuman, Precedents precedents) {

    /** A merge on the command line: nothing ignored, no pull request, no time limit, new code shown. */
    public static final MergeRequest LOCAL = new MergeRequest(Set.of(), null, null, Deadline.NONE, null, false,
            Precedents.NONE);

    public MergeRequest {
        ignored = Set.copyOf(ignored);
        Objects.requireNonNull(deadline, "deadline");
        precedents = precedents == null ? Precedents.NONE : precedents;
    }

    /** This request, knowing how the repository resolved earlier conflicts (older merges only). */
    public MergeRequest withPrecedents(Precedents earlier) {
        return new MergeRequest(ignored, pullRequestTitle, pullRequestBody, deadline, fileTimeout, newCodeNeedsHuman,
                earlier);
    }

    /** This request, leaving {@code paths} to a human. */
    public MergeRequest ignoring(Set<String> paths) {
        return new MergeRequest(paths, pullRequestTitle, pullRequestBody, deadline, fileTimeout, newCodeNeedsHuman,
                precedents);
    }

    /** This request for a pull request with this title and description (either may be {@code null}). */
    public MergeRequest forPullRequest(String title, String body) {
        return new MergeRequest(ignored, title, body == null || body.isBlank() ? null : body, deadline, fileTimeout,
                newCodeNeedsHuman, precedents);
    }

    /** This request with a deadline for the whole merge and a share of it per file ({@code null}: no share). */
    public MergeRequest within(Deadline merge, Duration perFile) {
        return new MergeRequest(ignored, pullRequestTitle, pullRequestBody, merge, perFile, newCodeNeedsHuman,
                precedents);
    }

    /** This request, leaving a model's new code to a human when {@code human}. */
    public MergeRequest newCodeToHuman(boolean human) {
        return new MergeRequest(ignored, pullRequestTitle, pullRequestBody, deadline, fileTimeout, human, precedents);
    }

    /** The deadline of one file: its share of what is left. */
    Deadline fileDeadline() {
        return fileTimeout == null ? deadline : deadline.within(fileTimeout);
    }
}
