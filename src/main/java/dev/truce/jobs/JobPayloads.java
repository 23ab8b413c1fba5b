package dev.truce.jobs;

import dev.truce.github.RepoRef;
import dev.truce.pullrequest.ResolveRequest;

/**
 * The data each task type stores in its row, as JSON: small records, one per task type. Each carries the GitHub
 * delivery id that caused it (or {@code null}), so the job's log lines name it; rows written before it existed read
 * with {@code null}.
 */
final class JobPayloads {

    private JobPayloads() {
    }

    /** Resolve one pull request. */
    record Resolve(ResolveRequest request, String delivery) {
        Resolve(ResolveRequest request) {
            this(request, null);
        }
    }

    /** A comment asked for a resolve. */
    record CommentRequest(RepoRef repo, int number, long commentId, String login, String delivery) {
    }

    /** A branch moved: re-check the open pull requests into it. */
    record RecheckBranch(RepoRef repo, String branch, String delivery) {
    }

    /** A pull request was closed: close its fix pull request. */
    record CloseFix(RepoRef repo, int number, String delivery) {
    }

    /** The repository's CI failed on a fix branch's commit: repair the fix from the failures. */
    record RepairFix(RepoRef repo, String branch, String sha, String delivery) {
    }

    /** Calibrate a repository's strategies on its own history (recurring: one row per repository). */
    record Calibrate(RepoRef repo, String delivery) {
    }
}
