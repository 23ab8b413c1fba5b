package dev.truce.jobs;

import dev.truce.github.RepoRef;
import dev.truce.pullrequest.ResolveRequest;

/** The data each task type stores in its row, as JSON: small records, one per task type. */
final class JobPayloads {

    private JobPayloads() {
    }

    /** Resolve one pull request. */
    record Resolve(ResolveRequest request) {
    }

    /** A comment asked for a resolve. */
    record CommentRequest(RepoRef repo, int number, long commentId, String login) {
    }

    /** A branch moved: re-check the open pull requests into it. */
    record RecheckBranch(RepoRef repo, String branch) {
    }

    /** A pull request was closed: close its fix pull request. */
    record CloseFix(RepoRef repo, int number) {
    }
}
