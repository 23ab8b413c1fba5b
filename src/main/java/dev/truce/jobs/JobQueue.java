package dev.truce.jobs;

import dev.truce.github.RepoRef;
import dev.truce.pullrequest.ResolveRequest;

/**
 * Durable jobs. Enqueueing only writes a row, so the webhook can answer at once; workers pick jobs up, retry them
 * with backoff, and survive restarts. A job with the same identity as a waiting one is not added again.
 */
public interface JobQueue {

    /** Resolve one pull request (identity: repository + PR + head + base). */
    void resolve(ResolveRequest request);

    /** A comment asked for a resolve: check the author's permission, acknowledge, then resolve. */
    void commentRequest(RepoRef repo, int number, long commentId, String login);

    /** Re-check the open pull requests into a branch that moved. */
    void recheckBranch(RepoRef repo, String branch);

    /** Close Truce's fix pull request for a pull request that was closed. */
    void closeFix(RepoRef repo, int number);

    /**
     * The repository's checks failed on commit {@code sha} of Truce's fix branch {@code branch}: read the failures and
     * repair the fix (identity: repository + branch + commit).
     */
    void repairFix(RepoRef repo, String branch, String sha);

    /**
     * Calibrate the repository's strategies on its own earlier merges now, then every
     * {@code truce.calibration.interval} (identity: the repository; one calibration of a repository at a time).
     */
    void calibrate(RepoRef repo);
}
