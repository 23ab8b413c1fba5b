package dev.truce.github;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The GitHub calls Truce's pipeline makes, each about one repository of one installation. Implementations
 * authenticate as the App, use installation tokens scoped to that one repository, cache them until shortly before
 * they expire, respect rate limits, and never log tokens.
 */
public interface GitHubGateway {

    /** The pull request as GitHub has it now. */
    PullRequestInfo pullRequest(RepoRef repo, int number) throws GitHubException;

    /** Open pull requests whose base is {@code baseBranch}, at most {@code max}, most recently updated first. */
    List<PullRequestInfo> openPullRequestsInto(RepoRef repo, String baseBranch, int max) throws GitHubException;

    /** The open pull request whose head is {@code headBranch} in the same repository, if any. */
    Optional<PullRequestInfo> openPullRequestFrom(RepoRef repo, String headBranch) throws GitHubException;

    /** A user's permission on the repository. */
    Permission permission(RepoRef repo, String login) throws GitHubException;

    /** Adds a reaction ({@code +1}, {@code eyes}, {@code rocket}, ...) to an issue comment. */
    void react(RepoRef repo, long commentId, String reaction) throws GitHubException;

    /** Comments on an issue or pull request; returns the comment's id. */
    long comment(RepoRef repo, int number, String body) throws GitHubException;

    /**
     * The newest comments on an issue or pull request, at most about {@code max} (whole pages of 100, newest pages
     * first when there are more), oldest first.
     */
    List<IssueComment> recentComments(RepoRef repo, int number, int max) throws GitHubException;

    /**
     * Creates a check run on commit {@code headSha} (needs the App's {@code checks: write}); returns its id.
     */
    long createCheckRun(RepoRef repo, String headSha, CheckRun run) throws GitHubException;

    /** Replaces check run {@code id}'s status, conclusion and output. */
    void updateCheckRun(RepoRef repo, long id, CheckRun run) throws GitHubException;

    /**
     * The checks of commit {@code sha} (not runs named {@code ignoredName}, Truce's own): those that failed (completed
     * check runs concluded {@code failure} or {@code timed_out}, with their failure annotations; commit statuses in
     * state {@code failure} or {@code error}) and how many are still queued, running or pending.
     */
    CommitChecks checks(RepoRef repo, String sha, String ignoredName) throws GitHubException;

    /** Opens a pull request from {@code head} into {@code base}. */
    PullRequestInfo openPullRequest(RepoRef repo, String head, String base, String title, String body)
            throws GitHubException;

    /** Replaces a pull request's title and body. */
    void updatePullRequest(RepoRef repo, int number, String title, String body) throws GitHubException;

    /** Closes a pull request. */
    void closePullRequest(RepoRef repo, int number) throws GitHubException;

    /** Who authored and committed {@code sha} (40 hex digits), or empty when the repository has no such commit. */
    Optional<GitCommitInfo> commit(RepoRef repo, String sha) throws GitHubException;

    /** The text of a file at a ref, or empty when there is no such file. */
    Optional<String> fileContent(RepoRef repo, String ref, String path) throws GitHubException;

    /** Where git fetches and pushes the repository over HTTPS. */
    URI cloneUri(RepoRef repo);

    /**
     * A short-lived installation token for git over HTTPS on this repository, and only this repository
     * ({@code x-access-token} as the user name). Never log it.
     */
    char[] gitToken(RepoRef repo) throws GitHubException;

    /**
     * Git refused the token from {@link #gitToken} ("not authorized"): it was revoked or rotated before it expired,
     * so the next {@link #gitToken} must ask GitHub for a new one.
     */
    void gitTokenRejected(RepoRef repo);
}
