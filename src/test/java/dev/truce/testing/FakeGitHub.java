package dev.truce.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.truce.github.CheckRun;
import dev.truce.github.CommitChecks;
import dev.truce.github.FailedCheck;
import dev.truce.github.GitCommitInfo;
import dev.truce.github.GitHubException;
import dev.truce.github.GitHubGateway;
import dev.truce.github.IssueComment;
import dev.truce.github.Permission;
import dev.truce.github.PullRequestInfo;
import dev.truce.github.RepoRef;

/**
 * An in-memory GitHub for pipeline tests: pull requests, files and permissions are set up by the test; every
 * write (comment, reaction, opened/updated/closed pull request) is recorded for assertions; git goes to a real
 * repository the test serves.
 * Opened pull requests become real entries, so a second run sees them through {@link #openPullRequestFrom}.
 */
public final class FakeGitHub implements GitHubGateway {

    /** A comment as posted. */
    public record Comment(int number, String body) {
    }

    /** A pull request as opened. */
    public record Opened(String head, String base, String title, String body, int number) {
    }

    /** A reaction as added. */
    public record Reaction(long commentId, String content) {
    }

    private final Map<Integer, PullRequestInfo> pulls = new HashMap<>();
    private final Map<String, String> files = new HashMap<>();
    private final Map<String, Permission> permissions = new HashMap<>();
    private final Function<RepoRef, URI> cloneUri;
    private final String token;
    private int nextNumber = 100;
    private long nextComment = 1;

    public final List<Comment> comments = new ArrayList<>();
    public final List<Opened> opened = new ArrayList<>();
    public final List<Comment> updated = new ArrayList<>();
    /** The numbers of the pull requests closed, in order. */
    public final List<Integer> closed = new ArrayList<>();
    public final List<Reaction> reactions = new ArrayList<>();
    public final List<String> calls = new ArrayList<>();
    /** How many of the next comment calls fail with a retryable error (a GitHub outage). */
    public int failNextComments;
    /** Runs whenever git asks for a token (at the start of a fetch or push): a test's way to let time pass there. */
    public Runnable onGitToken = () -> { };
    /** A token git is handed until it reports it rejected (a token revoked before it expired), or null. */
    public String revokedToken;
    /** How many of the next comment calls store the comment and still answer with an error (a 502 after saving). */
    public int failNextCommentsAfterStoring;
    /** Who the comments posted through the fake are by: the App's bot. */
    public String botLogin = "truce[bot]";
    /** Who made a commit, as GitHub's git database would say (a test reads it from the served repository). */
    public Function<String, Optional<GitCommitInfo>> commits = sha -> Optional.empty();

    /** A fake whose repositories are cloned from {@code cloneUri} with installation token {@code token}. */
    public FakeGitHub(Function<RepoRef, URI> cloneUri, String token) {
        this.cloneUri = cloneUri;
        this.token = token;
    }

    /** Adds or replaces a pull request. */
    public FakeGitHub pull(PullRequestInfo pr) {
        pulls.put(pr.number(), pr);
        return this;
    }

    /** A pull request as the fake has it now. */
    public PullRequestInfo pull(int number) {
        return pulls.get(number);
    }

    /** Puts a file at a ref ({@code ref} as the pipeline asks for it: a branch name or a sha). */
    public FakeGitHub file(String ref, String path, String text) {
        files.put(ref + ":" + path, text);
        return this;
    }

    /** Sets a user's permission (default {@link Permission#READ}). */
    public FakeGitHub permission(String login, Permission permission) {
        permissions.put(login, permission);
        return this;
    }

    /** The comments posted on one pull request. */
    public List<String> commentsOn(int number) {
        return comments.stream().filter(c -> c.number() == number).map(Comment::body).toList();
    }

    @Override
    public PullRequestInfo pullRequest(RepoRef repo, int number) throws GitHubException {
        calls.add("pullRequest " + number);
        PullRequestInfo pr = pulls.get(number);
        if (pr == null) {
            throw new GitHubException("404: no pull request #" + number, false, null);
        }
        return pr;
    }

    @Override
    public List<PullRequestInfo> openPullRequestsInto(RepoRef repo, String baseBranch, int max) {
        calls.add("openPullRequestsInto " + baseBranch + " " + max);
        return pulls.values().stream().filter(p -> p.open() && p.baseRef().equals(baseBranch)).limit(max).toList();
    }

    @Override
    public Optional<PullRequestInfo> openPullRequestFrom(RepoRef repo, String headBranch) {
        calls.add("openPullRequestFrom " + headBranch);
        return pulls.values().stream()
                .filter(p -> p.open() && p.headRef().equals(headBranch) && p.headRepo().equals(repo.fullName()))
                .findFirst();
    }

    @Override
    public Permission permission(RepoRef repo, String login) {
        calls.add("permission " + login);
        return permissions.getOrDefault(login, Permission.READ);
    }

    @Override
    public void react(RepoRef repo, long commentId, String reaction) {
        reactions.add(new Reaction(commentId, reaction));
    }

    @Override
    public long comment(RepoRef repo, int number, String body) throws GitHubException {
        if (failNextComments > 0) {
            failNextComments--;
            throw new GitHubException("502 Bad Gateway", true, null);
        }
        comments.add(new Comment(number, body));
        if (failNextCommentsAfterStoring > 0) {
            failNextCommentsAfterStoring--;
            throw new GitHubException("502 Bad Gateway", true, null);
        }
        return nextComment++;
    }

    @Override
    public List<IssueComment> recentComments(RepoRef repo, int number, int max) {
        calls.add("recentComments " + number);
        List<IssueComment> on = new ArrayList<>();
        for (int i = 0; i < comments.size(); i++) {
            if (comments.get(i).number() == number) {
                on.add(new IssueComment(i + 1, botLogin, comments.get(i).body()));
            }
        }
        return on.subList(Math.max(0, on.size() - max), on.size());
    }

    @Override
    public PullRequestInfo openPullRequest(RepoRef repo, String head, String base, String title, String body) {
        int number = nextNumber++;
        opened.add(new Opened(head, base, title, body, number));
        PullRequestInfo pr = new PullRequestInfo(number, title, body, true, false, head, null, repo.fullName(), base,
                null, "truce[bot]", "https://github.com/" + repo.fullName() + "/pull/" + number);
        pulls.put(number, pr);
        return pr;
    }

    /** Check runs by id, as last created or updated, with the commit each is on. */
    public final Map<Long, RecordedCheckRun> checkRuns = new java.util.LinkedHashMap<>();
    /** Every state each check run was in, in order. */
    public final List<RecordedCheckRun> checkRunHistory = new ArrayList<>();
    /** When set, check run calls fail as GitHub does for an installation without {@code checks: write}. */
    public boolean checksForbidden;
    private long nextCheckRun = 9000;

    /** A check run as the fake holds it. */
    public record RecordedCheckRun(long id, String headSha, CheckRun run) {
    }

    /** The failed checks of each commit, as CI would report them. */
    public final Map<String, List<FailedCheck>> failedChecks = new HashMap<>();
    /** How many checks of each commit are still running. */
    public final Map<String, Integer> pendingChecks = new HashMap<>();

    @Override
    public CommitChecks checks(RepoRef repo, String sha, String ignoredName) {
        calls.add("failedChecks " + sha);
        return new CommitChecks(failedChecks.getOrDefault(sha, List.of()).stream()
                .filter(c -> !c.name().equals(ignoredName)).toList(), pendingChecks.getOrDefault(sha, 0));
    }

    @Override
    public long createCheckRun(RepoRef repo, String headSha, CheckRun run) throws GitHubException {
        if (checksForbidden) {
            throw new GitHubException("403 Resource not accessible by integration", false, null);
        }
        long id = nextCheckRun++;
        RecordedCheckRun recorded = new RecordedCheckRun(id, headSha, run);
        checkRuns.put(id, recorded);
        checkRunHistory.add(recorded);
        return id;
    }

    @Override
    public void updateCheckRun(RepoRef repo, long id, CheckRun run) throws GitHubException {
        RecordedCheckRun old = checkRuns.get(id);
        if (old == null) {
            throw new GitHubException("404: no check run " + id, false, null);
        }
        RecordedCheckRun recorded = new RecordedCheckRun(id, old.headSha(), run);
        checkRuns.put(id, recorded);
        checkRunHistory.add(recorded);
    }

    @Override
    public void updatePullRequest(RepoRef repo, int number, String title, String body) {
        updated.add(new Comment(number, body));
        PullRequestInfo p = pulls.get(number);
        pulls.put(number, new PullRequestInfo(number, title, body, p.open(), p.draft(), p.headRef(), p.headSha(),
                p.headRepo(), p.baseRef(), p.baseSha(), p.author(), p.htmlUrl()));
    }

    @Override
    public void closePullRequest(RepoRef repo, int number) {
        closed.add(number);
        PullRequestInfo p = pulls.get(number);
        pulls.put(number, new PullRequestInfo(number, p.title(), p.body(), false, p.draft(), p.headRef(),
                p.headSha(), p.headRepo(), p.baseRef(), p.baseSha(), p.author(), p.htmlUrl()));
    }

    @Override
    public Optional<GitCommitInfo> commit(RepoRef repo, String sha) {
        calls.add("commit " + sha);
        return commits.apply(sha);
    }

    @Override
    public Optional<String> fileContent(RepoRef repo, String ref, String path) {
        calls.add("fileContent " + ref + " " + path);
        return Optional.ofNullable(files.get(ref + ":" + path));
    }

    @Override
    public URI cloneUri(RepoRef repo) {
        return cloneUri.apply(repo);
    }

    @Override
    public char[] gitToken(RepoRef repo) {
        calls.add("gitToken");
        onGitToken.run();
        return (revokedToken != null ? revokedToken : token).toCharArray();
    }

    @Override
    public void gitTokenRejected(RepoRef repo) {
        calls.add("gitTokenRejected");
        revokedToken = null;
    }
}
