package dev.truce.pullrequest;

import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.truce.engine.BuildReport;
import dev.truce.engine.BuildValidation;
import dev.truce.engine.FileResolver;
import dev.truce.engine.MergeRequest;
import dev.truce.engine.MergeResolver;
import dev.truce.engine.ResolvedMerge;
import dev.truce.fetch.FetchedPullRequest;
import dev.truce.fetch.MergeBaseNotFoundException;
import dev.truce.fetch.PullRequestFetcher;
import dev.truce.fetch.RepositoryCache;
import dev.truce.github.CheckRun;
import dev.truce.github.GitHubException;
import dev.truce.github.GitHubGateway;
import dev.truce.github.Permission;
import dev.truce.github.PullRequestInfo;
import dev.truce.github.RepoRef;
import dev.truce.llm.ModelException;
import dev.truce.llm.ModelStage;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.MergeInputException;
import dev.truce.merge.PathConflict;
import dev.truce.merge.RepositoryMerge;
import dev.truce.observe.ResolutionMetrics;
import dev.truce.publish.CheckRuns;
import dev.truce.publish.CommentLedger;
import dev.truce.publish.FixBranchRemote;
import dev.truce.publish.FixPublisher;
import dev.truce.publish.FixPullRequestText;
import dev.truce.repoconfig.Mode;
import dev.truce.repoconfig.NewCodePolicy;
import dev.truce.repoconfig.RepoConfig;
import dev.truce.repoconfig.RepoConfigException;
import dev.truce.repoconfig.RepoConfigLoader;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.Strategies;
import dev.truce.validate.BuildResult;
import dev.truce.validate.FileChecks;

/**
 * From a pull request to a fix: reads the repository's settings from the base, fetches just enough history,
 * computes the merge of the base into the PR head itself (GitHub's {@code mergeable} flag is not trusted),
 * resolves with the deterministic strategies, then asks the model the repository allows (see {@link AppModels})
 * about the hunks they left, and publishes a fix pull request, a patch comment or the list of
 * hunks that need a human.
 *
 * <p>The fix merges the base into the PR head, and the result reaches the base through the PR, so the receiving
 * side is the base: {@link ReceivingSide#THEIRS}.
 */
public final class PullRequestPipeline implements PullRequestWork {

    private static final Logger log = LoggerFactory.getLogger(PullRequestPipeline.class);

    private final GitHubGateway gitHub;
    private final RepositoryCache cache;
    private final PullRequestFetcher fetcher;
    private final RepoConfigLoader configLoader;
    private final FixPublisher publisher;
    private final PoliteReplyLimit politeReplies;
    private final PipelineSettings settings;
    private final AppModels models;
    private final Clock clock;
    private final ResolutionMetrics metrics;
    private final AppBuilds builds;
    private final CheckRuns checks;
    private final FixBranchRemote remote;
    private final FixRepairs repairs;
    private final RepositoryLearning learning;

    /** A pipeline without models, working in {@code cache}, talking to GitHub through {@code gitHub}. */
    public PullRequestPipeline(GitHubGateway gitHub, RepositoryCache cache, CommentLedger ledger,
            PipelineSettings settings, Clock clock) {
        this(gitHub, cache, ledger, settings, clock, AppModels.NONE);
    }

    /** A pipeline that asks one of {@code models}, where a repository allows it, about hunks no strategy resolved. */
    public PullRequestPipeline(GitHubGateway gitHub, RepositoryCache cache, CommentLedger ledger,
            PipelineSettings settings, Clock clock, AppModels models) {
        this(gitHub, cache, ledger, settings, clock, models, ResolutionMetrics.NONE);
    }

    /** A pipeline that also records what the engine made of each pull request in {@code metrics}. */
    public PullRequestPipeline(GitHubGateway gitHub, RepositoryCache cache, CommentLedger ledger,
            PipelineSettings settings, Clock clock, AppModels models, ResolutionMetrics metrics) {
        this(gitHub, cache, ledger, settings, clock, models, metrics, AppBuilds.OFF);
    }

    /**
     * A pipeline that also builds each complete resolution with the repository's {@code validation:} commands where
     * {@code builds} allows it, and repairs what the build finds.
     */
    public PullRequestPipeline(GitHubGateway gitHub, RepositoryCache cache, CommentLedger ledger,
            PipelineSettings settings, Clock clock, AppModels models, ResolutionMetrics metrics, AppBuilds builds) {
        this(gitHub, cache, ledger, settings, clock, models, metrics, builds, RepositoryLearning.OFF);
    }

    /**
     * A pipeline that also learns from each repository's own earlier merges ({@code learning}): its calibration
     * turns strategies on or off per file kind (unless its {@code .github/truce.yml} chooses strategies itself), and
     * the model is shown how its maintainers resolved similar conflicts before.
     */
    public PullRequestPipeline(GitHubGateway gitHub, RepositoryCache cache, CommentLedger ledger,
            PipelineSettings settings, Clock clock, AppModels models, ResolutionMetrics metrics, AppBuilds builds,
            RepositoryLearning learning) {
        this.learning = learning;
        this.builds = builds;
        this.metrics = metrics;
        this.models = models;
        this.clock = clock;
        this.gitHub = gitHub;
        this.cache = cache;
        this.settings = settings;
        this.fetcher = new PullRequestFetcher(gitHub, settings.initialFetchDepth(), settings.maxFetchDepth(),
                settings.gitTimeout());
        this.configLoader = new RepoConfigLoader(gitHub);
        this.remote = new FixBranchRemote(gitHub, settings.gitTimeout());
        this.publisher = new FixPublisher(gitHub, remote, ledger, settings.app());
        this.politeReplies = new PoliteReplyLimit(clock, settings.politeReplyPeriod());
        this.checks = new CheckRuns(gitHub);
        this.repairs = new FixRepairs(this, gitHub, cache, fetcher, remote, publisher, ledger, models, builds,
                settings, clock);
    }

    @Override
    public void resolve(ResolveRequest request) throws GitHubException, IOException {
        // The job's time starts now; each file gets at most its share of what is left (see resolveAll).
        Deadline job = Deadline.after(settings.jobTimeout(), clock);
        RepoRef repo = request.repo();
        PullRequestInfo pr = gitHub.pullRequest(repo, request.number());
        if (!pr.open() || pr.draft() || isFixPullRequest(repo, pr)) {
            return;
        }
        RepoConfig config = config(repo, pr);
        if (config.mode() == Mode.OFF
                || (config.mode() == Mode.ON_REQUEST && request.trigger() != ResolveRequest.Trigger.COMMENT)) {
            return;
        }
        try (RepositoryCache.Lease lease = cache.open(repo)) {
            FetchedPullRequest fetched;
            try {
                fetched = fetcher.fetch(lease.repository(), repo, pr);
            } catch (MergeBaseNotFoundException e) {
                publisher.commentOnce(repo, pr.number(), "no-merge-base:" + pr.headSha() + ".." + pr.baseSha(),
                        "Truce cannot resolve this pull request's conflicts: " + e.getMessage() + ".");
                return;
            }
            String key = new ResolveRequest(repo, pr.number(), fetched.head().name(), fetched.base().name(),
                    request.trigger(), null, 0).identity();
            ComputedMerge merge = merge(lease, fetched, pr, repo);
            if (merge.isClean()) {
                publisher.closeFixPullRequests(repo, pr.number(), null, "#" + pr.number() + " no longer conflicts"
                        + " with " + pr.baseRef() + " (resolved by hand, or the base changed).");
                return;
            }
            CheckRuns.Running check = checks.start(repo, fetched.head().name(), "Resolving the conflicts with "
                    + pr.baseRef(), FixPullRequestText.checkInProgress(pr));
            try {
                RepositoryLearning.Learned learned = learning.forPullRequest(repo, lease.repository(), fetched.head(),
                        config, cache, fetcher);
                resolveConflicts(repo, pr, config, lease, merge, key, job, check, learned);
            } finally {
                // A job that stopped on an error is retried (or dropped, and logged); the check must not spin.
                check.completed(CheckRun.Conclusion.FAILURE, "Truce could not finish", "Truce stopped before it"
                        + " finished. It tries again when the error may pass; the service's log has the details.",
                        null);
            }
        }
    }

    private void resolveConflicts(RepoRef repo, PullRequestInfo pr, RepoConfig config, RepositoryCache.Lease lease,
            ComputedMerge merge, String key, Deadline job, CheckRuns.Running check,
            RepositoryLearning.Learned learned) throws GitHubException, IOException {
        Set<String> ignored = new HashSet<>();
        merge.conflicts().stream().map(PathConflict::path).filter(config::ignores).forEach(ignored::add);
        if (overLimits(repo, pr, merge, ignored, config, key)) {
            check.completed(CheckRun.Conclusion.NEUTRAL, "Too large for Truce's limits", "This pull request's"
                    + " conflict is larger than `" + RepoConfig.PATH + "` lets Truce take on; a comment says more.",
                    null);
            return;
        }
        ResolvedMerge resolved = engine(repo, pr, config, learned).resolve(merge, MergeRequest.LOCAL
                .ignoring(ignored).forPullRequest(pr.title(), pr.body()).within(job, settings.fileTimeout())
                // Only merges older than the PR's head (see RepositoryLearning).
                .withPrecedents(learned.precedents())
                // newCode: human leaves a model's answer that adds code in none of the three versions to a human.
                .newCodeToHuman(config.newCode() == NewCodePolicy.HUMAN));
        metrics.resolved(resolved);
        recordBuilds(resolved.build());
        List<String> calibrated = learned.changeList();
        if (job.expired()) {
            log.warn("{}#{} took longer than truce.limits.job-timeout ({}); what was left undecided goes to a"
                    + " human", repo.fullName(), pr.number(), settings.jobTimeout());
        }
        if (!resolved.isComplete()) {
            publisher.closeFixPullRequests(repo, pr.number(), null, "the conflict of #" + pr.number() + " with "
                    + pr.baseRef() + " changed and Truce can no longer resolve all of it.");
            publisher.commentNeedsHuman(repo, pr, resolved, key);
            check.completed(CheckRun.Conclusion.ACTION_REQUIRED, resolved.needsHuman().size() + " part(s) need a"
                    + " human", FixPullRequestText.checkSummary(pr, resolved, null, calibrated), null);
        } else if (pr.isFromFork(repo)) {
            publisher.publishPatchComment(repo, pr, lease.repository(), resolved, "this pull request comes from"
                    + " a fork, and Truce never pushes to forks", key);
            check.completed(CheckRun.Conclusion.NEUTRAL, "Resolved: a patch is in a comment (fork)",
                    FixPullRequestText.checkSummary(pr, resolved, null, calibrated), null);
        } else if (config.mode() == Mode.COMMENT) {
            publisher.publishPatchComment(repo, pr, lease.repository(), resolved, "this repository asks Truce"
                    + " for comments only (`mode: comment` in `.github/truce.yml`)", key);
            check.completed(CheckRun.Conclusion.NEUTRAL, "Resolved: a patch is in a comment",
                    FixPullRequestText.checkSummary(pr, resolved, null, calibrated), null);
        } else {
            Optional<PullRequestInfo> fix = publisher.publishFixPullRequest(repo, pr, lease.repository(), resolved,
                    key, calibrated);
            check.completed(CheckRun.Conclusion.NEUTRAL, fix.map(f -> "Fix proposed in #" + f.number() + ": ")
                    .orElse("Resolved: ") + resolved.resolvedHunks() + " hunk(s)" + (resolved.build().passed()
                            ? ", build passed" : ""), FixPullRequestText.checkSummary(pr, resolved, fix.orElse(null),
                            calibrated),
                    fix.map(PullRequestInfo::htmlUrl).orElse(null));
        }
    }

    @Override
    public void calibrate(RepoRef repo) throws GitHubException, IOException {
        if (!learning.enabled()) {
            return;
        }
        learning.calibrate(repo, cache, fetcher);
    }

    @Override
    public void repairFix(RepoRef repo, String branch, String sha) throws GitHubException, IOException {
        repairs.repair(repo, branch, sha);
    }

    @Override
    public void recheckPullRequestsInto(RepoRef repo, String baseBranch, int max, Consumer<ResolveRequest> enqueue)
            throws GitHubException {
        for (PullRequestInfo pr : gitHub.openPullRequestsInto(repo, baseBranch, max)) {
            if (!pr.draft()) {
                // The base's new sha is fetched by the job: GitHub's copy of it may lag behind the push.
                enqueue.accept(new ResolveRequest(repo, pr.number(), pr.headSha(), null,
                        ResolveRequest.Trigger.BASE_MOVED, null, 0));
            }
        }
    }

    @Override
    public void closeFixFor(RepoRef repo, int number) throws GitHubException {
        try {
            publisher.closeFixPullRequests(repo, number, null, "#" + number + " was closed.");
        } catch (IOException e) {
            // Listing branches goes over git; the interface speaks GitHub failures, and a retry may help.
            throw new GitHubException("could not list Truce's fix branches of " + repo.fullName() + "#" + number
                    + ": " + e.getMessage(), true, e);
        }
    }

    @Override
    public boolean acceptCommentRequest(RepoRef repo, int number, long commentId, String login)
            throws GitHubException {
        Permission permission = gitHub.permission(repo, login);
        if (permission.canTrigger()) {
            gitHub.react(repo, commentId, "eyes");
            return true;
        }
        if (politeReplies.tryReply(repo.fullName(), number, login)) {
            gitHub.comment(repo, number, "Thanks, @" + login + ". Only people with write access to this repository"
                    + " can ask " + settings.app().name() + " to resolve conflicts; a maintainer can ask with `@"
                    + settings.app().slug() + " resolve`.");
        }
        return false;
    }

    /** Truce's own fix pull requests are reviewed by people, not resolved again. */
    private static boolean isFixPullRequest(RepoRef repo, PullRequestInfo pr) {
        return !pr.isFromFork(repo) && pr.headRef().startsWith("truce/");
    }

    /** The base's settings; an invalid file is reported once per head and the defaults are used. */
    RepoConfig config(RepoRef repo, PullRequestInfo pr) throws GitHubException {
        try {
            return configLoader.load(repo, pr.baseSha() != null ? pr.baseSha() : pr.baseRef());
        } catch (RepoConfigException e) {
            publisher.commentOnce(repo, pr.number(), "config:" + pr.headSha() + ":" + Integer.toHexString(
                    e.getMessage().hashCode()), "Truce could not use `" + RepoConfig.PATH + "` on `" + pr.baseRef()
                            + "`: " + e.getMessage() + ". Truce uses its defaults until the file is fixed.");
            return RepoConfig.DEFAULT;
        }
    }

    /** The merge, with the branches named as people know them (the commit message reads "Merge main into x"). */
    static ComputedMerge merge(RepositoryCache.Lease lease, FetchedPullRequest fetched, PullRequestInfo pr,
            RepoRef repo) throws IOException {
        ComputedMerge m;
        try {
            m = new RepositoryMerge(lease.repository()).compute(fetched.headRef(), fetched.baseRef());
        } catch (MergeInputException e) {
            throw new IOException("the fetched refs cannot be merged: " + e.getMessage(), e);
        }
        String head = pr.isFromFork(repo) ? pr.headRepo() + ":" + pr.headRef() : pr.headRef();
        return new ComputedMerge(m.repository(), m.objects(), m.ours(), m.theirs(), head, pr.baseRef(), m.trees(),
                m.index(), m.conflicts());
    }

    private boolean overLimits(RepoRef repo, PullRequestInfo pr, ComputedMerge merge, Set<String> ignored,
            RepoConfig config, String key) throws GitHubException {
        List<PathConflict> considered = merge.conflicts().stream().filter(c -> !ignored.contains(c.path())).toList();
        long hunks = considered.stream().mapToLong(c -> c.file().hasHunks() ? c.file().hunks().size() : 1).sum();
        if (considered.size() <= config.limits().maxFiles() && hunks <= config.limits().maxHunks()) {
            return false;
        }
        publisher.commentOnce(repo, pr.number(), "limits:" + key, "This pull request conflicts with `" + pr.baseRef()
                + "` in " + considered.size() + " file(s) and " + hunks + " hunk(s), more than this repository lets"
                + " Truce take on (limits: " + config.limits().maxFiles() + " files, " + config.limits().maxHunks()
                + " hunks, in `" + RepoConfig.PATH + "`). Truce left it alone; raise `limits` to let it try.");
        return true;
    }

    /** Counts and times each build round in the validation metrics. */
    void recordBuilds(BuildReport report) {
        for (BuildValidation round : report.rounds()) {
            BuildResult last = round.runs().get(round.runs().size() - 1);
            metrics.validation(last.passed() ? ResolutionMetrics.ValidationResult.PASSED
                    : last.status() == BuildResult.Status.TIMED_OUT ? ResolutionMetrics.ValidationResult.TIMED_OUT
                            : ResolutionMetrics.ValidationResult.FAILED, round.took());
        }
    }

    /** The stage of the model this repository allows, charged to this pull request, or {@code null}. */
    private ModelStage modelStage(RepoRef repo, PullRequestInfo pr, RepoConfig config) {
        AppModels.Choice choice = models.choose(repo.owner(), config);
        if (!choice.chosen()) {
            return null;
        }
        try {
            return models.stage(choice.model(), repo.owner(), repo.fullName() + "#" + pr.number());
        } catch (ModelException e) {
            log.warn("model {} is not usable for {}#{}: {}", choice.model(), repo.fullName(), pr.number(),
                    e.getMessage());
            return null;
        }
    }

    /**
     * The engine for this repository: its strategy chain, with the base as the receiving side (the PR branch receives
     * the merge, and the result reaches the base through the PR), the model it allows, charged to this PR, and its
     * build where this server may run it.
     */
    MergeResolver engine(RepoRef repo, PullRequestInfo pr, RepoConfig config) {
        return engine(repo, pr, config, RepositoryLearning.Learned.nothing());
    }

    /** The engine for this repository, its chain as the repository's calibration says where {@code learned} has one. */
    MergeResolver engine(RepoRef repo, PullRequestInfo pr, RepoConfig config, RepositoryLearning.Learned learned) {
        // truce.yml's strategy names were checked when it was read.
        Resolver strategies = new Resolver(learned.calibration() != null ? learned.chain()
                : Strategies.select(ReceivingSide.THEIRS, config.strategies().with(), config.strategies().without()),
                settings.maxLineLength());
        AppBuilds.Choice build = builds.forRepository(config.validation());
        return new MergeResolver(new FileResolver(strategies, modelStage(repo, pr, config), new FileChecks(),
                builds.repairRounds()), build.validator(), build.notRun());
    }
}
