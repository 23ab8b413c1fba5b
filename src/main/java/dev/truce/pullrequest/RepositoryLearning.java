package dev.truce.pullrequest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.truce.context.Precedent;
import dev.truce.context.Precedents;
import dev.truce.eval.HistoryCases;
import dev.truce.fetch.PullRequestFetcher;
import dev.truce.fetch.RepositoryCache;
import dev.truce.github.GitHubException;
import dev.truce.github.RepoRef;
import dev.truce.history.Calibration;
import dev.truce.history.Calibrator;
import dev.truce.history.JdbcCalibrationStore;
import dev.truce.history.PrecedentIndex;
import dev.truce.history.RepositoryHistory;
import dev.truce.repoconfig.RepoConfig;
import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.ResolutionStrategy;

/**
 * What the App learns from a repository's own earlier merges: the calibration of its strategies (computed by the
 * calibration job, stored in the database the replicas share) and the maintainers' resolutions as precedents for the
 * model (read from the history this replica has, computed once per repository and newest merge, and kept for a
 * bounded number of repositories).
 *
 * <p>Time order: a pull request only ever sees what was merged before its head was committed. Precedents are
 * filtered by the head's commit time; a stored calibration is used only when the newest merge it learned from is
 * older than the head (otherwise the default chain decides, until the pull request's branch moves on).
 */
public final class RepositoryLearning {

    private static final Logger log = LoggerFactory.getLogger(RepositoryLearning.class);

    /** How many precedents one repository's index keeps at most (the newest): bounds memory per repository. */
    static final int MAX_PRECEDENTS_PER_REPOSITORY = 2_000;

    /**
     * The operator's settings ({@code truce.calibration.*}).
     *
     * @param enabled              whether repositories are calibrated and their calibrations and precedents used
     * @param maxMerges            the most earlier two-parent merges one calibration (or one precedent scan) replays
     * @param fetchDepth           how many commits of the default branch the calibration job fetches
     * @param timeLimit            the longest reading the history may take; the merges read by then are used
     * @param cachedRepositories   how many repositories' precedents this replica keeps in memory
     * @param interval             how often a repository is calibrated; precedents older than this are read again
     */
    public record Settings(boolean enabled, int maxMerges, int fetchDepth, Duration timeLimit,
            int cachedRepositories, Duration interval) {

        /** On; 200 merges, 2,000 commits, 5 minutes, 16 repositories, read again after a week. */
        public static final Settings DEFAULTS = new Settings(true, 200, 2000, Duration.ofMinutes(5), 16,
                Duration.ofDays(7));

        public Settings {
            if (maxMerges < 1 || fetchDepth < 1 || cachedRepositories < 1 || timeLimit.isNegative()
                    || timeLimit.isZero() || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("calibration settings must be positive: " + maxMerges + " merges, "
                        + fetchDepth + " commits, " + timeLimit + ", " + cachedRepositories + " repositories");
            }
        }
    }

    /**
     * What a pull request gets from its repository's history.
     *
     * @param calibration the calibration to apply, or {@code null} (the repository's {@code strategies:} or the
     *                    default chain decides)
     * @param precedents  earlier resolutions, only of merges older than the pull request's head
     * @param changes     filled while resolving: each time the calibration changed a decision, one line
     */
    record Learned(Calibration calibration, Precedents precedents, Set<String> changes) {

        static Learned nothing() {
            return new Learned(null, Precedents.NONE, Collections.synchronizedSet(new LinkedHashSet<>()));
        }

        /** The chain for the pull request (the base receives), telling {@link #changes} what the calibration did. */
        List<ResolutionStrategy> chain() {
            return calibration.chain(ReceivingSide.THEIRS, Set.of(), Set.of(), changes::add);
        }

        /** The changes so far, in the order they happened. */
        List<String> changeList() {
            synchronized (changes) {
                return List.copyOf(changes);
            }
        }
    }

    /** Nothing learned: no calibration job, no precedents (tests of other parts, a server without a database). */
    public static final RepositoryLearning OFF = new RepositoryLearning(null,
            new Settings(false, 1, 1, Duration.ofSeconds(1), 1, Duration.ofDays(1)), Clock.systemUTC());

    /** How long a pull request waits for the history another job is reading before it goes without precedents. */
    static final Duration HISTORY_WAIT = Duration.ofSeconds(5);

    private record Cached(ObjectId newestMerge, PrecedentIndex index, Instant readAt) {
    }

    private final JdbcCalibrationStore store;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Cached> cache;

    /**
     * Learning with calibrations in {@code store}.
     *
     * @param store where calibrations are kept, or {@code null} for none
     */
    public RepositoryLearning(JdbcCalibrationStore store, Settings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        // Least recently used first; bounded, so a replica serving many repositories keeps only the busiest.
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > settings.cachedRepositories();
            }
        };
    }

    /** Whether calibration jobs run and pull requests use what they learned. */
    public boolean enabled() {
        return settings.enabled() && store != null;
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /**
     * Calibrates {@code repo}: fetches its default branch (bounded depth), replays its latest merges (bounded count
     * and time), stores the calibration, and keeps the precedents it read for the pull requests to come. On any
     * failure nothing is stored: the repository keeps its previous calibration.
     *
     * @return the calibration stored, or empty when learning is off
     * @throws IOException     when the history cannot be fetched or read (may pass: retried)
     * @throws GitHubException when GitHub refuses (the App was uninstalled, say)
     */
    Optional<Calibration> calibrate(RepoRef repo, RepositoryCache repositories, PullRequestFetcher fetcher)
            throws IOException, GitHubException {
        if (!enabled()) {
            return Optional.empty();
        }
        Instant start = clock.instant();
        HistoryCases.Scan scan;
        ObjectId newest;
        try (RepositoryCache.Lease lease = repositories.openHistory(repo)) {
            Repository repository = lease.repository();
            ObjectId tip = fetcher.fetchHistory(repository, repo, settings.fetchDepth());
            scan = scan(repository, tip, null);
            newest = newestMerge(repository, tip);
        }
        Calibration calibration = new Calibrator().calibrate(repo.fullName(), scan.cases(), ReceivingSide.OURS);
        store.save(repo.fullName(), calibration, clock.instant());
        if (newest != null) {
            remember(repo, new Cached(newest, bounded(RepositoryHistory.precedentsOf(scan.cases()).precedents()),
                    clock.instant()));
        }
        log.info("Calibrated {} on {} merge(s) ({} conflicted file(s)) in {} ms: {}", repo.fullName(), scan.merges(),
                scan.cases().size(), Duration.between(start, clock.instant()).toMillis(),
                calibration.changes().isEmpty() ? "no change to the default chain"
                        : String.join("; ", calibration.changes()));
        return Optional.of(calibration);
    }

    /**
     * What the pull request whose head is {@code head} (in {@code repository}, the pull request's clone) gets from the
     * history: the stored calibration unless the repository's {@code .github/truce.yml} chooses its own strategies,
     * and the precedents of merges older than the head (read from the default branch's own clone in
     * {@code repositories}). Never fails the pull request: what cannot be read is left out.
     */
    Learned forPullRequest(RepoRef repo, Repository repository, ObjectId head, RepoConfig config,
            RepositoryCache repositories, PullRequestFetcher fetcher) {
        if (!enabled()) {
            return Learned.nothing();
        }
        long headTime;
        try (RevWalk walk = new RevWalk(repository)) {
            headTime = walk.parseCommit(head).getCommitTime();
        } catch (IOException e) {
            log.warn("{}: cannot read the head {} to learn from the history: {}", repo.fullName(), head.name(),
                    e.getMessage());
            return Learned.nothing();
        }
        Calibration calibration = calibration(repo, config, headTime);
        Precedents precedents = precedents(repo, repositories, fetcher).olderThan(headTime);
        return new Learned(calibration, precedents, Collections.synchronizedSet(new LinkedHashSet<>()));
    }

    private Calibration calibration(RepoRef repo, RepoConfig config, long headTime) {
        if (!config.strategies().with().isEmpty() || !config.strategies().without().isEmpty()) {
            return null; // the repository chose its strategies itself: its file wins
        }
        Optional<JdbcCalibrationStore.Stored> stored;
        try {
            stored = store.find(repo.fullName());
        } catch (RuntimeException e) {
            log.warn("{}: the stored calibration cannot be read, the default chain decides: {}", repo.fullName(),
                    e.getMessage());
            return null;
        }
        if (stored.isEmpty()) {
            return null;
        }
        Calibration c = stored.get().calibration();
        if (c.newestMergeTime() >= headTime) {
            log.info("{}: the calibration learned from merges as new as the pull request's head (merge time {}, head"
                    + " {}); the default chain decides", repo.fullName(), c.newestMergeTime(), headTime);
            return null;
        }
        return c;
    }

    /**
     * The repository's precedents: as this replica last read them from its default branch, or read again (fetched,
     * then only the merges since the newest one read before) when they are older than the calibration interval or
     * were never read here.
     */
    private PrecedentIndex precedents(RepoRef repo, RepositoryCache repositories, PullRequestFetcher fetcher) {
        Cached cached;
        synchronized (cache) {
            cached = cache.get(key(repo));
        }
        if (cached != null && cached.readAt().plus(settings.interval()).isAfter(clock.instant())) {
            return cached.index();
        }
        try (RepositoryCache.Lease lease = repositories.openHistory(repo, HISTORY_WAIT)) {
            Repository repository = lease.repository();
            ObjectId newest = newestMerge(repository, fetcher.fetchHistory(repository, repo, settings.fetchDepth()));
            if (newest == null) {
                return new PrecedentIndex(List.of());
            }
            PrecedentIndex index;
            if (cached != null && cached.newestMerge().equals(newest)) {
                index = cached.index();
            } else if (cached != null && isAncestor(repository, cached.newestMerge(), newest)) {
                index = bounded(added(cached.index(), scan(repository, newest, cached.newestMerge())).precedents());
            } else {
                index = bounded(RepositoryHistory.precedentsOf(scan(repository, newest, null).cases()).precedents());
            }
            remember(repo, new Cached(newest, index, clock.instant()));
            return index;
        } catch (IOException | GitHubException | RuntimeException e) {
            // The calibration job may be reading the same history right now: what was read before still serves.
            log.warn("{}: the history could not be read again for this pull request ({}); {}", repo.fullName(),
                    e.getMessage(), cached != null ? "the precedents read before are used" : "no precedents");
            return cached != null ? cached.index() : new PrecedentIndex(List.of());
        }
    }

    private static PrecedentIndex added(PrecedentIndex earlier, HistoryCases.Scan newer) {
        List<Precedent> all = new ArrayList<>(earlier.precedents());
        all.addAll(RepositoryHistory.precedentsOf(newer.cases()).precedents());
        all.sort(Comparator.comparingLong(Precedent::mergeTime));
        return new PrecedentIndex(all);
    }

    private static PrecedentIndex bounded(List<Precedent> oldestFirst) {
        int from = Math.max(0, oldestFirst.size() - MAX_PRECEDENTS_PER_REPOSITORY);
        return new PrecedentIndex(oldestFirst.subList(from, oldestFirst.size()));
    }

    private HistoryCases.Scan scan(Repository repository, ObjectId from, ObjectId since) throws IOException {
        Instant end = clock.instant().plus(settings.timeLimit());
        try {
            return HistoryCases.scan(repository, from.name(), since == null ? null : since.name(),
                    settings.maxMerges(), () -> clock.instant().isAfter(end));
        } catch (IllegalArgumentException e) {
            throw new IOException("the history cannot be read: " + e.getMessage(), e);
        }
    }

    /** The newest two-parent merge reachable from {@code tip} within the fetched depth, or {@code null}. */
    private ObjectId newestMerge(Repository repository, ObjectId tip) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(tip));
            int seen = 0;
            for (RevCommit c : walk) {
                if (c.getParentCount() == 2) {
                    return c.copy();
                }
                if (++seen > settings.fetchDepth()) {
                    return null;
                }
            }
            return null;
        }
    }

    private static boolean isAncestor(Repository repository, ObjectId older, ObjectId newer) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.isMergedInto(walk.parseCommit(older), walk.parseCommit(newer));
        } catch (MissingObjectException e) {
            return false; // evicted and fetched again shallower: read it all again
        }
    }

    private void remember(RepoRef repo, Cached cached) {
        synchronized (cache) {
            cache.put(key(repo), cached);
        }
    }

    private static String key(RepoRef repo) {
        return repo.fullName().toLowerCase(Locale.ROOT);
    }
}
