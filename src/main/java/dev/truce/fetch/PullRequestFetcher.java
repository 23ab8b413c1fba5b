package dev.truce.fetch;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.truce.github.GitHubException;
import dev.truce.github.GitHubGateway;
import dev.truce.github.PullRequestInfo;
import dev.truce.github.RepoRef;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Fetches a pull request's base branch and {@code refs/pull/N/head} over HTTPS with the installation token,
 * shallowly, then deepens (doubling the depth) until the two tips' merge base is present, up to a bound.
 *
 * <p>{@code refs/pull/N/head} lives in the base repository for fork pull requests too, so one remote serves both.
 * GitHub's {@code mergeable} flag is not consulted: the merge is computed from what is fetched here.
 */
public final class PullRequestFetcher {

    /** How long a fetch may wait for the server on one read or write before it fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final GitHubGateway gitHub;
    private final int initialDepth;
    private final int maxDepth;
    private final int timeoutSeconds;

    /** A fetcher whose network reads and writes time out after {@link #DEFAULT_TIMEOUT}. */
    public PullRequestFetcher(GitHubGateway gitHub, int initialDepth, int maxDepth) {
        this(gitHub, initialDepth, maxDepth, DEFAULT_TIMEOUT);
    }

    /**
     * A fetcher.
     *
     * @param initialDepth how many commits back from each tip the first fetch asks for
     * @param maxDepth     the depth after which Truce gives up looking for the merge base
     * @param timeout      how long one network read or write may wait (a server that stops answering fails the fetch)
     */
    public PullRequestFetcher(GitHubGateway gitHub, int initialDepth, int maxDepth, Duration timeout) {
        if (initialDepth < 1 || maxDepth < initialDepth) {
            throw new IllegalArgumentException("need 1 <= initialDepth <= maxDepth, not " + initialDepth + ", "
                    + maxDepth);
        }
        if (timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the git timeout must be at least one second, not " + timeout);
        }
        this.gitHub = gitHub;
        this.initialDepth = initialDepth;
        this.maxDepth = maxDepth;
        this.timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, timeout.toSeconds());
    }

    /** The local ref the base branch is fetched into. */
    public static String baseRef(String baseBranch) {
        return "refs/truce/base/" + baseBranch;
    }

    /** The local ref the pull request's head is fetched into. */
    public static String headRef(int number) {
        return "refs/truce/pr/" + number + "/head";
    }

    /** The local ref the repository's default branch is fetched into, to learn from its history. */
    public static final String HISTORY_REF = "refs/truce/history/HEAD";

    /**
     * Fetches the repository's default branch (the remote's {@code HEAD}) {@code depth} commits deep into
     * {@link #HISTORY_REF}, for learning from its earlier merges.
     *
     * @return the default branch's tip
     * @throws IOException     when fetching fails or the repository has no default branch
     * @throws GitHubException when no token can be had
     */
    public ObjectId fetchHistory(Repository repository, RepoRef repo, int depth) throws IOException, GitHubException {
        if (depth < 1) {
            throw new IllegalArgumentException("the history depth must be at least 1, not " + depth);
        }
        fetch(repository, repo, List.of(new RefSpec("+HEAD:" + HISTORY_REF)), depth);
        return required(repository, HISTORY_REF, "the default branch (HEAD) of " + repo.fullName());
    }

    /**
     * Fetches the two tips and enough history for their merge base.
     *
     * @throws MergeBaseNotFoundException when no merge base is found within the depth bound
     * @throws IOException                when fetching fails (network, authentication, missing ref)
     * @throws GitHubException            when no token can be had
     */
    public FetchedPullRequest fetch(Repository repository, RepoRef repo, PullRequestInfo pr)
            throws IOException, GitHubException {
        String baseRef = baseRef(pr.baseRef());
        String headRef = headRef(pr.number());
        List<RefSpec> specs = List.of(new RefSpec("+refs/heads/" + pr.baseRef() + ":" + baseRef),
                new RefSpec("+refs/pull/" + pr.number() + "/head:" + headRef));
        int depth = initialDepth;
        while (true) {
            fetch(repository, repo, specs, depth);
            ObjectId head = required(repository, headRef, "refs/pull/" + pr.number() + "/head");
            ObjectId base = required(repository, baseRef, "branch " + pr.baseRef());
            if (hasMergeBase(repository, head, base)) {
                return new FetchedPullRequest(head, base, headRef, baseRef, depth);
            }
            if (repository.getObjectDatabase().getShallowCommits().isEmpty()) {
                throw new MergeBaseNotFoundException("#" + pr.number() + " and " + pr.baseRef()
                        + " have no common history: the pull request's branch was not made from " + pr.baseRef()
                        + "; rebase it onto " + pr.baseRef() + " or merge " + pr.baseRef() + " into it once by hand");
            }
            if (depth >= maxDepth) {
                throw new MergeBaseNotFoundException("#" + pr.number() + " and " + pr.baseRef()
                        + " share no commit within the last " + maxDepth + " commits of either: the branches"
                        + " diverged too long ago for Truce; merge " + pr.baseRef() + " into the branch by hand"
                        + " (or ask the operator to raise the fetch depth bound)");
            }
            depth = (int) Math.min((long) depth * 2, maxDepth);
        }
    }

    private void fetch(Repository repository, RepoRef repo, List<RefSpec> specs, int depth)
            throws IOException, GitHubException {
        try {
            fetchOnce(repository, repo, specs, depth);
        } catch (GitAPIException e) {
            if (!TokenCredentials.rejected(e)) {
                throw failed(repo, depth, e);
            }
            // Revoked or rotated before it expired: once more with a new token; a second refusal is final.
            gitHub.gitTokenRejected(repo);
            try {
                fetchOnce(repository, repo, specs, depth);
            } catch (GitAPIException again) {
                throw failed(repo, depth, again);
            }
        }
    }

    private void fetchOnce(Repository repository, RepoRef repo, List<RefSpec> specs, int depth)
            throws GitAPIException, GitHubException {
        char[] token = gitHub.gitToken(repo);
        try {
            CredentialsProvider credentials = TokenCredentials.of(token);
            Git.wrap(repository).fetch().setRemote(gitHub.cloneUri(repo).toString()).setRefSpecs(specs)
                    .setDepth(depth).setTagOpt(TagOpt.NO_TAGS).setCredentialsProvider(credentials)
                    .setTimeout(timeoutSeconds).call();
        } finally {
            Arrays.fill(token, '\0');
        }
    }

    private static IOException failed(RepoRef repo, int depth, GitAPIException e) {
        return new IOException("fetching " + repo.fullName() + " at depth " + depth + " failed: " + e.getMessage(), e);
    }

    private static ObjectId required(Repository repository, String ref, String what) throws IOException {
        ObjectId id = repository.resolve(ref);
        if (id == null) {
            throw new IOException("the fetch did not bring " + what);
        }
        return id;
    }

    /** Whether the shallow history holds a common ancestor (JGit treats shallow commits as having no parents). */
    static boolean hasMergeBase(Repository repository, ObjectId a, ObjectId b) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            return walk.next() != null;
        }
    }
}
