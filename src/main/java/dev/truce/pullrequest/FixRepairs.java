package dev.truce.pullrequest;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.truce.engine.CommittedResolution;
import dev.truce.engine.MergeRequest;
import dev.truce.engine.MergeResolver;
import dev.truce.engine.ResolvedMerge;
import dev.truce.fetch.FetchedPullRequest;
import dev.truce.fetch.PullRequestFetcher;
import dev.truce.fetch.RepositoryCache;
import dev.truce.github.CommitChecks;
import dev.truce.github.FailedCheck;
import dev.truce.github.GitHubException;
import dev.truce.github.GitHubGateway;
import dev.truce.github.PullRequestInfo;
import dev.truce.github.RepoRef;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.MergeMessage;
import dev.truce.merge.PathConflict;
import dev.truce.publish.CheckRuns;
import dev.truce.publish.CommentLedger;
import dev.truce.publish.FixBranch;
import dev.truce.publish.FixBranchRemote;
import dev.truce.publish.FixPublisher;
import dev.truce.publish.FixPullRequestText;
import dev.truce.repoconfig.Mode;
import dev.truce.repoconfig.NewCodePolicy;
import dev.truce.repoconfig.RepoConfig;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.Decider;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.validate.Diagnostic;

/**
 * The repository's CI as the validator of a fix: when the checks of a fix branch's tip failed, reads what they
 * reported, reads back what the fix commit resolved each hunk to, has the model repair the hunks the errors point at,
 * and pushes the repaired merge commit to the fix branch (bounded rounds, recorded in the fix pull request's body),
 * or says on the fix pull request why not. The pipeline's engine and settings are the repository's, as for a resolve.
 */
final class FixRepairs {

    private static final Logger log = LoggerFactory.getLogger(FixRepairs.class);

    private final PullRequestPipeline pipeline;
    private final GitHubGateway gitHub;
    private final RepositoryCache cache;
    private final PullRequestFetcher fetcher;
    private final FixBranchRemote remote;
    private final FixPublisher publisher;
    private final CommentLedger ledger;
    private final AppModels models;
    private final AppBuilds builds;
    private final PipelineSettings settings;
    private final Clock clock;

    FixRepairs(PullRequestPipeline pipeline, GitHubGateway gitHub, RepositoryCache cache, PullRequestFetcher fetcher,
            FixBranchRemote remote, FixPublisher publisher, CommentLedger ledger, AppModels models, AppBuilds builds,
            PipelineSettings settings, Clock clock) {
        this.pipeline = pipeline;
        this.gitHub = gitHub;
        this.cache = cache;
        this.fetcher = fetcher;
        this.remote = remote;
        this.publisher = publisher;
        this.ledger = ledger;
        this.models = models;
        this.builds = builds;
        this.settings = settings;
        this.clock = clock;
    }

    /** See {@link PullRequestWork#repairFix}. */
    void repair(RepoRef repo, String branch, String sha) throws GitHubException, IOException {
        Integer number = FixBranch.number(branch);
        if (number == null) {
            return;
        }
        Optional<PullRequestInfo> fix = gitHub.openPullRequestFrom(repo, branch);
        PullRequestInfo pr = gitHub.pullRequest(repo, number);
        if (fix.isEmpty() || !pr.open() || pr.isFromFork(repo) || pr.headSha() == null
                || !branch.equals(FixBranch.name(number, ObjectId.fromString(pr.headSha())))) {
            return; // closed, or the pull request moved on: its new head gets a new fix from a resolve job
        }
        CommitChecks checks = gitHub.checks(repo, sha, CheckRuns.NAME);
        if (checks.pending() > 0) {
            // Repair from all of the errors: the last check to complete sends another event.
            log.info("{}: {} check(s) of {} still running; the repair waits for them", repo.fullName(),
                    checks.pending(), sha);
            return;
        }
        List<FailedCheck> failed = checks.failed();
        if (failed.isEmpty() || builds.ciRepairRounds() == 0) {
            return;
        }
        RepoConfig config = pipeline.config(repo, pr);
        if (config.mode() == Mode.OFF) {
            return;
        }
        Deadline job = Deadline.after(settings.jobTimeout(), clock);
        List<String> names = failed.stream().map(FailedCheck::name).distinct().toList();
        String key = "ci:" + branch + "@" + sha;
        String failing = "The checks " + FixPullRequestText.checkNames(names) + " failed on this branch";
        if (!models.choose(repo.owner(), config).chosen()) {
            publisher.commentOnce(repo, fix.get().number(), key, failing + ". Truce repairs a fix with a model, and"
                    + " this repository allows none (`models:` in `.github/truce.yml`), so the repair needs a human.");
            return;
        }
        try (RepositoryCache.Lease lease = cache.open(repo)) {
            Repository repository = lease.repository();
            FetchedPullRequest fetched = fetcher.fetch(repository, repo, pr);
            Optional<ObjectId> tip = remote.fetch(repository, repo, branch);
            if (tip.isEmpty() || !tip.get().name().equals(sha)) {
                return; // the fix branch moved on since these checks ran
            }
            RevCommit committed;
            try (RevWalk walk = new RevWalk(repository)) {
                committed = walk.parseCommit(tip.get());
            }
            if (committed.getParentCount() != 2 || !committed.getParent(0).equals(fetched.head())
                    || !committed.getParent(1).equals(fetched.base())) {
                return; // the base moved since the fix: a resolve job for the new base replaces it
            }
            if (!publisher.isAppCommit(repo, repository, committed)) {
                publisher.commentOnce(repo, fix.get().number(), key, failing + ", but its last commit is not one"
                        + " Truce made, so Truce leaves the repair to whoever pushed it.");
                return;
            }
            int round = FixBranch.repairRounds(committed.getFullMessage()) + 1;
            if (round > builds.ciRepairRounds()) {
                publisher.commentOnce(repo, fix.get().number(), key, failing + " and still fail after " + (round - 1)
                        + " round(s) of repair (`truce.validation.ci-repair-rounds` on this Truce server); the rest"
                        + " needs a human.");
                return;
            }
            ComputedMerge merge = PullRequestPipeline.merge(lease, fetched, pr, repo);
            List<FileResolution> current = committedResolutions(repository, merge, committed, config);
            if (current == null) {
                publisher.commentOnce(repo, fix.get().number(), key, failing + ", but its files are no longer the"
                        + " conflicts' cleanly merged lines around Truce's resolution (lines outside the hunks changed:"
                        + " by someone, or by Truce's own change outside the conflicts), so the repair needs a"
                        + " human.");
                return;
            }
            List<Diagnostic> diagnostics = CiDiagnostics.of(failed, merge.conflicts().stream()
                    .map(PathConflict::path).collect(java.util.stream.Collectors.toSet()));
            MergeRequest request = MergeRequest.LOCAL.forPullRequest(pr.title(), pr.body())
                    .within(job, settings.fileTimeout()).newCodeToHuman(config.newCode() == NewCodePolicy.HUMAN);
            MergeResolver engine = pipeline.engine(repo, pr, config);
            // Once per failed commit: further events about it (more checks, redeliveries) do not pay the model again.
            String attempt = "ci-attempt:" + repo.fullName() + ":" + branch + "@" + sha;
            if (!ledger.firstTime(attempt)) {
                log.info("{}: the repair of {}@{} was tried already", repo.fullName(), branch, sha);
                return;
            }
            try {
                ResolvedMerge repaired = engine.repair(merge, request, current, diagnostics);
                publish(new Failed(repo, pr, fix.get(), branch, tip.get(), names, key, round), current, repaired,
                        repository);
            } catch (IOException | GitHubException | RuntimeException e) {
                ledger.forget(attempt); // not done: a retry of the job tries again
                throw e;
            }
        }
    }

    /**
     * The fix commit whose checks failed, and what to say about it.
     *
     * @param fix   the fix pull request
     * @param tip   the fix branch's commit the checks ran on
     * @param names the failed checks' names
     * @param key   the one-off comment's key for this commit
     * @param round the repair round this is, from 1
     */
    private record Failed(RepoRef repo, PullRequestInfo pr, PullRequestInfo fix, String branch, ObjectId tip,
            List<String> names, String key, int round) {
    }

    /** Pushes the repaired merge, or says on the fix pull request why there is none; {@code repaired} may be null. */
    private void publish(Failed f, List<FileResolution> current, ResolvedMerge repaired, Repository repository)
            throws IOException, GitHubException {
        if (repaired == null) {
            publisher.commentOnce(f.repo(), f.fix().number(), f.key(), FixPullRequestText.round(f.round(), f.names(),
                    Map.of(), "none of their errors is in a line Truce resolved, so the failure is not one Truce"
                            + " can repair; it needs a human"));
            return;
        }
        pipeline.recordBuilds(repaired.build());
        Map<String, Map<Integer, String>> problems = problems(repaired.merge(), current, repaired);
        if (!repaired.isComplete()) {
            StringBuilder why = new StringBuilder("the repair did not pass");
            for (ResolvedMerge.NeedsHuman d : repaired.needsHuman()) {
                why.append("; ").append(d.path()).append(d.hunk() == null ? "" : " hunk " + (d.hunk().id() + 1))
                        .append(": ").append(d.reason());
            }
            publisher.commentOnce(f.repo(), f.fix().number(), f.key(), FixPullRequestText.round(f.round(), f.names(), problems,
                    why + ". The branch is left as it was; it needs a human"));
            return;
        }
        String note = "Repaired after the checks " + String.join(", ", f.names()).replace('\n', ' ') + " failed on "
                + f.tip().abbreviate(7).name()
                + ".\n\n" + FixBranch.REPAIR_TRAILER + f.round() + "\n";
        ObjectId pushed = publisher.publishRepair(f.repo(), f.fix(), repository, repaired, f.branch(), f.tip(), note,
                FixPullRequestText.round(f.round(), f.names(), problems, "Truce repaired " + problems.values().stream()
                        .mapToInt(Map::size).sum() + " hunk(s) and pushed " + pushed(repaired, f.round())));
        log.info("{}#{}: repaired {} after {} failed (round {}): pushed {}", f.repo().fullName(), f.pr().number(),
                f.branch(), f.names(), f.round(), pushed.name());
    }

    private static String pushed(ResolvedMerge repaired, int round) {
        return "round " + round + "'s commit" + (repaired.build().passed() ? " (its build passed)" : "");
    }

    /** What the fix commit holds for each conflict, read back; {@code null} when some file no longer fits. */
    private List<FileResolution> committedResolutions(Repository repository, ComputedMerge merge, RevCommit committed,
            RepoConfig config) throws IOException {
        List<FileResolution> out = new ArrayList<>();
        Map<String, Map<Integer, MergeMessage.Decision>> decisions = MergeMessage.decisions(committed.getFullMessage());
        for (PathConflict conflict : merge.conflicts()) {
            if (!conflict.file().hasHunks()) {
                return null;
            }
            try (TreeWalk walk = TreeWalk.forPath(repository, conflict.path(), committed.getTree())) {
                if (walk == null) {
                    return null;
                }
                String text = new String(repository.open(walk.getObjectId(0)).getBytes(), conflict.file().charset());
                Optional<FileResolution> read = CommittedResolution.of(conflict.file(), text, Decider.NOBODY,
                        "as in the fix pull request");
                if (read.isEmpty()) {
                    return null;
                }
                out.add(credited(read.get(), decisions.getOrDefault(conflict.path(), Map.of())));
            }
        }
        return out;
    }

    /** Each hunk credited to the strategy or model the fix commit's message names, with its reason. */
    private static FileResolution credited(FileResolution read, Map<Integer, MergeMessage.Decision> decisions) {
        List<HunkOutcome> outcomes = new ArrayList<>();
        for (HunkOutcome outcome : read.outcomes()) {
            MergeMessage.Decision decision = decisions.get(outcome.hunkId());
            Decider by = decision == null ? new Decider.Model("unknown")
                    : decision.decidedBy().startsWith(Decider.Model.PREFIX)
                            ? new Decider.Model(decision.decidedBy().substring(Decider.Model.PREFIX.length()))
                            : new Decider.Strategy(decision.decidedBy());
            outcomes.add(new HunkOutcome.Resolved(outcome.hunkId(), by, decision == null ? outcome.reason()
                    : decision.reason(), outcome.lines(), null, List.of(), 0));
        }
        return new FileResolution(read.file(), outcomes);
    }

    /** Per file, per hunk id, the errors the repair round was given: the hunks whose text changed. */
    private static Map<String, Map<Integer, String>> problems(ComputedMerge merge, List<FileResolution> before,
            ResolvedMerge after) {
        Map<String, Map<Integer, String>> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < before.size(); i++) {
            FileResolution was = before.get(i);
            FileResolution now = after.resolutions().get(i);
            for (int h = 0; h < was.outcomes().size(); h++) {
                HunkOutcome n = now.outcomes().get(h);
                if (!java.util.Objects.equals(was.outcomes().get(h).lines(), n.lines()) || !n.isResolved()) {
                    out.computeIfAbsent(merge.conflicts().get(i).path(), k -> new java.util.LinkedHashMap<>())
                            .put(h, n.reason() == null ? "" : n.reason());
                }
            }
        }
        return out;
    }
}
