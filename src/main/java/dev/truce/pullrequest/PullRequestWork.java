package dev.truce.pullrequest;

import dev.truce.github.GitHubException;
import dev.truce.github.RepoRef;

/**
 * The work the App's jobs carry out. Each method is safe to run again (a retried job must not open a second fix
 * pull request or post a second comment for the same head and base).
 */
public interface PullRequestWork {

    /** Resolves one pull request's conflict and publishes the fix, a comment, or nothing when there is no conflict. */
    void resolve(ResolveRequest request) throws GitHubException, java.io.IOException;

    /**
     * The branch {@code baseBranch} moved: re-checks the open pull requests into it, at most {@code max}, by asking
     * {@code enqueue} for one resolve job each.
     */
    void recheckPullRequestsInto(RepoRef repo, String baseBranch, int max,
            java.util.function.Consumer<ResolveRequest> enqueue) throws GitHubException;

    /**
     * Learns from the repository's own earlier merges: fetches its default branch (bounded), calibrates the strategies
     * on its latest merges and stores the calibration for its pull requests. Safe to run again; on failure the
     * previous calibration stays.
     */
    void calibrate(RepoRef repo) throws GitHubException, java.io.IOException;

    /** The pull request was closed or merged: closes Truce's open fix pull request for it, with a note. */
    void closeFixFor(RepoRef repo, int number) throws GitHubException;

    /**
     * A comment asked Truce to act: acknowledges it with a reaction when the author may trigger work (write,
     * maintain or admin) and returns true; otherwise returns false and at most replies politely (rate limited).
     */
    boolean acceptCommentRequest(RepoRef repo, int number, long commentId, String login) throws GitHubException;

    /**
     * The repository's checks failed on commit {@code sha} of Truce's fix branch {@code branch}: maps the failures
     * to the resolved hunks, has the model repair those, and pushes the repaired merge commit to the fix branch
     * (bounded rounds), or says on the fix pull request why it cannot. Does nothing when the branch moved on.
     */
    void repairFix(RepoRef repo, String branch, String sha) throws GitHubException, java.io.IOException;
}
