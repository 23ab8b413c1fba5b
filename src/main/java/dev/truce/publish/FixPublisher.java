package dev.truce.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.truce.engine.ResolvedMerge;
import dev.truce.github.GitCommitInfo;
import dev.truce.github.GitHubException;
import dev.truce.github.GitHubGateway;
import dev.truce.github.IssueComment;
import dev.truce.github.PullRequestInfo;
import dev.truce.github.RepoRef;
import dev.truce.merge.MergeCommitWriter;
import dev.truce.merge.MergeInputException;
import dev.truce.merge.WrittenMerge;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what the engine decided for a pull request, idempotently: running again for the same head and base
 * updates the same fix pull request and posts no comment twice.
 *
 * <ul>
 * <li>Everything resolved, same repository: the merge commit (PR head first, base second, authored as the App)
 * is pushed to {@code truce/<N>-<short-head>} in the base repository and proposed as a pull request into the
 * PR's head branch; the original PR gets one comment linking it.</li>
 * <li>Everything resolved, fork (or comment mode): a pull request cannot target a fork's branch and Truce never
 * pushes to a fork, so the resolution is posted as a comment holding a patch of the resolved files against the
 * PR head. Nothing is pushed.</li>
 * <li>Something left: one comment listing each hunk that needs a human; nothing is pushed (no markers in a
 * branch).</li>
 * </ul>
 */
public final class FixPublisher {

    private static final Logger log = LoggerFactory.getLogger(FixPublisher.class);

    /** How many of a pull request's newest comments are searched for Truce's own before posting one. */
    static final int COMMENTS_SEARCHED = 500;

    private final GitHubGateway gitHub;
    private final FixBranchRemote remote;
    private final CommentLedger ledger;
    private final AppIdentity app;

    /** A publisher writing as {@code app}. */
    public FixPublisher(GitHubGateway gitHub, FixBranchRemote remote, CommentLedger ledger, AppIdentity app) {
        this.gitHub = gitHub;
        this.remote = remote;
        this.ledger = ledger;
        this.app = app;
    }

    /**
     * Pushes the fix branch and opens the fix pull request, or updates it when it is open already; closes fix
     * pull requests for other heads of the same pull request. A fix branch whose tip is not a commit the App made
     * (someone pushed to it) is left as it is, and so is its pull request.
     *
     * @param key what the resolution is about (repository, PR, head, base), for markers and the ledger
     * @return the fix pull request, or empty when the fix branch was someone else's to leave alone
     * @throws FixBranchRemote.BranchMovedException when the branch moved while Truce pushed (a retry looks again)
     */
    public Optional<PullRequestInfo> publishFixPullRequest(RepoRef repo, PullRequestInfo pr, Repository repository,
            ResolvedMerge resolved, String key) throws IOException, GitHubException {
        return publishFixPullRequest(repo, pr, repository, resolved, key, List.of());
    }

    /**
     * As {@link #publishFixPullRequest(RepoRef, PullRequestInfo, Repository, ResolvedMerge, String)}, the body also
     * saying where the repository's calibration changed a decision ({@code calibration}, one line each).
     */
    public Optional<PullRequestInfo> publishFixPullRequest(RepoRef repo, PullRequestInfo pr, Repository repository,
            ResolvedMerge resolved, String key, List<String> calibration) throws IOException, GitHubException {
        if (pr.isFromFork(repo)) {
            throw new IllegalArgumentException("#" + pr.number() + " comes from a fork; Truce never pushes there");
        }
        String branch = FixBranch.name(pr.number(), resolved.merge().ours());
        WrittenMerge written = write(repository, resolved, branch);
        Optional<ObjectId> tip = remote.tip(repo, branch);
        if (tip.isPresent() && !tip.get().equals(written.commit()) && !madeByApp(repo, repository, tip.get())) {
            log.warn("{}#{}: leaving {} alone: its tip {} is not a commit {} made", repo.fullName(), pr.number(),
                    branch, tip.get().name(), app.name());
            return Optional.empty();
        }
        Optional<PullRequestInfo> repairedFix = tip.isPresent() && !tip.get().equals(written.commit())
                ? repairedFix(repo, repository, resolved, branch) : Optional.empty();
        if (repairedFix.isPresent()) {
            // The same head and base, already repaired after the repository's checks failed: resolving again would
            // undo the repair and restart its rounds.
            log.info("{}#{}: keeping {}: it holds a repair after the repository's checks", repo.fullName(),
                    pr.number(), branch);
            return repairedFix;
        }
        remote.push(repository, repo, branch, tip.orElse(ObjectId.zeroId()));
        String title = FixPullRequestText.title(pr);
        String body = FixPullRequestText.body(pr, resolved, key, calibration);
        Optional<PullRequestInfo> existing = gitHub.openPullRequestFrom(repo, branch);
        PullRequestInfo fix;
        if (existing.isPresent()) {
            fix = existing.get();
            gitHub.updatePullRequest(repo, fix.number(), title, body);
        } else {
            fix = gitHub.openPullRequest(repo, branch, pr.headRef(), title, body);
        }
        closeFixPullRequests(repo, pr.number(), branch, "#" + pr.number() + "'s branch has moved on since this fix"
                + " was made; it no longer applies.");
        String linkKey = "fix:" + branch + ":" + fix.number();
        commentOnce(repo, pr.number(), linkKey, FixPullRequestText.linkComment(fix, resolved, linkKey));
        return Optional.of(fix);
    }

    /**
     * Pushes a repaired merge (after the repository's CI failed on the fix) to the fix branch, only if it is still
     * at {@code failed}, and records the round in the fix pull request's body, below what was there.
     *
     * @param note  what the merge commit's message gets at its end (the round and what failed)
     * @param round the round, as the fix pull request's body tells it (Markdown)
     * @throws FixBranchRemote.BranchMovedException when someone pushed to the branch meanwhile; nothing was pushed
     */
    public ObjectId publishRepair(RepoRef repo, PullRequestInfo fix, Repository repository, ResolvedMerge repaired,
            String branch, ObjectId failed, String note, String round) throws IOException, GitHubException {
        StoredConfig config = repository.getConfig();
        config.setString("user", null, "name", app.name());
        config.setString("user", null, "email", app.email());
        WrittenMerge written;
        try {
            String edits = FixPullRequestText.commitNote(repaired);
            written = new MergeCommitWriter(false, true).write(repaired.merge(), repaired.treeResolutions(), branch,
                    edits == null ? note : edits + "\n" + note);
        } catch (MergeInputException e) {
            throw new IOException("could not write the fix branch " + branch + ": " + e.getMessage(), e);
        }
        remote.push(repository, repo, branch, failed);
        gitHub.updatePullRequest(repo, fix.number(), fix.title(), FixPullRequestText.withRound(fix.body(), round));
        return written.commit();
    }

    /**
     * The open fix pull request of {@code branch} when the branch's tip is Truce's repair (after the repository's
     * checks failed) of this same merge: the same two parents and a {@link FixBranch#REPAIR_TRAILER}.
     */
    private Optional<PullRequestInfo> repairedFix(RepoRef repo, Repository repository, ResolvedMerge resolved,
            String branch) throws IOException, GitHubException {
        Optional<ObjectId> fetched = remote.fetch(repository, repo, branch);
        if (fetched.isEmpty()) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit tip = walk.parseCommit(fetched.get());
            boolean sameMerge = tip.getParentCount() == 2 && tip.getParent(0).equals(resolved.merge().ours())
                    && tip.getParent(1).equals(resolved.merge().theirs());
            if (!sameMerge || FixBranch.repairRounds(tip.getFullMessage()) == 0
                    || !madeByApp(repo, repository, tip)) {
                return Optional.empty();
            }
        }
        return gitHub.openPullRequestFrom(repo, branch);
    }

    /**
     * Whether {@code commit} (in {@code local}, or on GitHub) was authored and committed as the App, so Truce may
     * replace it.
     */
    public boolean isAppCommit(RepoRef repo, Repository local, ObjectId commit) throws IOException, GitHubException {
        return madeByApp(repo, local, commit);
    }

    /**
     * Posts the resolution as a patch comment, once per key; nothing is pushed. When a path or the base branch's
     * name cannot be shown in a shell command, the comment says so and shows no command and no patch.
     */
    public void publishPatchComment(RepoRef repo, PullRequestInfo pr, Repository repository, ResolvedMerge resolved,
            String why, String key) throws IOException, GitHubException {
        if (!ledger.firstTime("patch:" + key)) {
            return;
        }
        try {
            if (alreadyPosted(repo, pr.number(), FixPullRequestText.marker("patch:" + key))) {
                return;
            }
            String unsafe = FixPullRequestText.unsafeForShell(pr, resolved);
            if (unsafe != null) {
                log.warn("{}#{}: no patch comment, {}", repo.fullName(), pr.number(), unsafe);
                gitHub.comment(repo, pr.number(), FixPullRequestText.patchDeclinedComment(pr, resolved, unsafe, why,
                        "patch:" + key));
                return;
            }
            String branch = FixBranch.name(pr.number(), resolved.merge().ours());
            WrittenMerge written = write(repository, resolved, branch); // local only: the patch is its diff
            String patch = patch(repository, resolved, written);
            gitHub.comment(repo, pr.number(), FixPullRequestText.patchComment(pr, resolved, patch, why,
                    "patch:" + key));
        } catch (IOException | GitHubException | RuntimeException e) {
            ledger.forget("patch:" + key);
            throw e;
        }
    }

    /**
     * Comments the hunks that need a human, once per key. The comment gives each hunk's plain reason; what went wrong
     * in full (a model endpoint that could not be reached, a provider's error, a budget's amounts) is logged here.
     */
    public void commentNeedsHuman(RepoRef repo, PullRequestInfo pr, ResolvedMerge resolved, String key)
            throws GitHubException {
        for (ResolvedMerge.NeedsHuman declined : resolved.needsHuman()) {
            if (declined.detail() != null) {
                log.warn("{}#{} {}{}: {} ({})", repo.fullName(), pr.number(), declined.path(),
                        declined.hunk() == null ? "" : " hunk " + (declined.hunk().id() + 1), declined.reason(),
                        declined.detail());
            }
        }
        String commentKey = "needs-human:" + key;
        commentOnce(repo, pr.number(), commentKey, FixPullRequestText.needsHumanComment(pr, resolved, commentKey));
    }

    /**
     * Posts {@code body} on the pull request unless a comment with {@code key} was posted before: the ledger says so,
     * or the pull request already has the App's comment with the key's marker (an earlier attempt that GitHub stored
     * but answered with an error, after which the ledger forgot the key).
     *
     * @return whether this call posted the comment
     */
    public boolean commentOnce(RepoRef repo, int number, String key, String body) throws GitHubException {
        if (!ledger.firstTime(key)) {
            return false;
        }
        try {
            String marker = FixPullRequestText.marker(key);
            if (alreadyPosted(repo, number, marker)) {
                return false;
            }
            gitHub.comment(repo, number, body.contains(marker) ? body : body + "\n\n" + marker + "\n");
            return true;
        } catch (GitHubException | RuntimeException e) {
            ledger.forget(key);
            throw e;
        }
    }

    /**
     * Whether one of the newest {@link #COMMENTS_SEARCHED} comments on the pull request is the App's and carries
     * {@code marker}. Asked before every first post, not only after a failure: a failed attempt may have been made
     * by another replica, or before a restart of a service with an in-memory ledger.
     */
    private boolean alreadyPosted(RepoRef repo, int number, String marker) throws GitHubException {
        for (IssueComment comment : gitHub.recentComments(repo, number, COMMENTS_SEARCHED)) {
            if (app.name().equals(comment.author()) && comment.body().contains(marker)) {
                log.info("{}#{}: comment {} is there already (comment {}); not posting it again", repo.fullName(),
                        number, marker, comment.id());
                return true;
            }
        }
        return false;
    }

    /**
     * Closes the open fix pull requests of pull request {@code number}, except the one from {@code keepBranch}
     * (may be {@code null}), and deletes their branches. Only branches whose tip is a commit the App made are
     * touched, each deleted with a lease on that tip; any other {@code truce/<N>-*} branch (someone pushed to it, or
     * made it) is left with its pull request, and logged.
     *
     * @return how many fix pull requests were closed
     */
    public int closeFixPullRequests(RepoRef repo, int number, String keepBranch, String why)
            throws IOException, GitHubException {
        int closed = 0;
        for (FixBranchRemote.RemoteBranch branch : remote.branches(repo, FixBranch.prefix(number))) {
            if (branch.name().equals(keepBranch)) {
                continue;
            }
            if (!madeByApp(repo, null, branch.tip())) {
                log.warn("{}#{}: leaving {} alone: its tip {} is not a commit {} made", repo.fullName(), number,
                        branch.name(), branch.tip().name(), app.name());
                continue;
            }
            Optional<PullRequestInfo> fix = gitHub.openPullRequestFrom(repo, branch.name());
            try {
                remote.delete(repo, branch.name(), branch.tip());
            } catch (FixBranchRemote.BranchMovedException e) {
                log.warn("{}#{}: {}", repo.fullName(), number, e.getMessage());
                continue;
            }
            if (fix.isPresent()) {
                commentOnce(repo, fix.get().number(), "stale:" + repo.fullName() + "#" + fix.get().number(),
                        FixPullRequestText.staleNote(number, why));
                gitHub.closePullRequest(repo, fix.get().number());
                closed++;
            }
        }
        return closed;
    }

    /**
     * Whether {@code commit} was authored and committed as the App: read from {@code local} when it has the
     * commit (the fix Truce wrote there), otherwise asked of GitHub.
     */
    private boolean madeByApp(RepoRef repo, Repository local, ObjectId commit) throws IOException, GitHubException {
        if (local != null && local.getObjectDatabase().has(commit)) {
            try (RevWalk walk = new RevWalk(local)) {
                RevCommit parsed = walk.parseCommit(commit);
                return isApp(parsed.getAuthorIdent().getName(), parsed.getAuthorIdent().getEmailAddress())
                        && isApp(parsed.getCommitterIdent().getName(), parsed.getCommitterIdent().getEmailAddress());
            }
        }
        Optional<GitCommitInfo> info = gitHub.commit(repo, commit.name());
        return info.isPresent() && isApp(info.get().authorName(), info.get().authorEmail())
                && isApp(info.get().committerName(), info.get().committerEmail());
    }

    /** The App's name, and its noreply address with or without the bot user's id (set later by the operator). */
    private boolean isApp(String name, String email) {
        return app.name().equals(name) && email != null
                && email.toLowerCase(Locale.ROOT).matches("([0-9]+\\+)?" + Pattern.quote(
                        (app.name() + "@users.noreply.github.com").toLowerCase(Locale.ROOT)));
    }

    private WrittenMerge write(Repository repository, ResolvedMerge resolved, String branch) throws IOException {
        StoredConfig config = repository.getConfig(); // in memory only: MergeCommitWriter reads the author here
        config.setString("user", null, "name", app.name());
        config.setString("user", null, "email", app.email());
        String refName = Constants.R_HEADS + branch;
        Ref before = repository.exactRef(refName);
        WrittenMerge written;
        try {
            written = new MergeCommitWriter(false, true).write(resolved.merge(), resolved.treeResolutions(), branch,
                    FixPullRequestText.commitNote(resolved));
        } catch (MergeInputException e) {
            throw new IOException("could not write the fix branch " + branch + ": " + e.getMessage(), e);
        }
        if (before == null || !sameMerge(repository, before.getObjectId(), written.commit())) {
            return written;
        }
        // The same head and base resolved the same way again: keep the commit already written (and pushed), so a
        // re-run does not force-push an identical fix with a new date, which re-runs CI and can dismiss reviews.
        RefUpdate update = repository.updateRef(refName);
        update.setNewObjectId(before.getObjectId());
        RefUpdate.Result result = update.forceUpdate();
        if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("could not restore " + refName + " to " + before.getObjectId().name() + ": " + result);
        }
        return new WrittenMerge(branch, before.getObjectId(), written.partial());
    }

    /** Same parents, tree and message: the same merge, whenever it was committed. */
    private static boolean sameMerge(Repository repository, ObjectId a, ObjectId b) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit x = walk.parseCommit(a);
            RevCommit y = walk.parseCommit(b);
            return x.getTree().equals(y.getTree()) && Arrays.equals(x.getParents(), y.getParents())
                    && x.getFullMessage().equals(y.getFullMessage());
        }
    }

    private static String patch(Repository repository, ResolvedMerge resolved, WrittenMerge written)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RevWalk walk = new RevWalk(repository); DiffFormatter diff = new DiffFormatter(out)) {
            RevCommit commit = walk.parseCommit(written.commit());
            diff.setRepository(repository);
            diff.setPathFilter(PathFilterGroup.createFromStrings(resolved.treeResolutions().stream()
                    .map(r -> r.file().path()).toList()));
            diff.format(resolved.merge().ours().getTree(), commit.getTree());
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
