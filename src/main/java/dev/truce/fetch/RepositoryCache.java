package dev.truce.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import dev.truce.github.RepoRef;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FileUtils;

/**
 * One bare repository per GitHub repository under a cache directory ({@code <root>/<owner>/<name>.git}), with a
 * bound on the total size. When a lease is returned and the cache is over its bound, whole repositories are
 * evicted, least recently used first (by the directory's modification time, which survives restarts); a
 * repository that is leased is never evicted.
 *
 * <p>A lease holds the repository's lock: one job at a time works in a repository, so fetches, merges and pushes
 * of two jobs for the same repository never interleave. Leases of different repositories run in parallel. A job
 * waits for the lock at most {@code lockWait}: a job stuck in one repository must not pile up every later job of
 * that repository behind it; a job that gives up is retried later by the queue.
 */
public final class RepositoryCache {

    /** The default longest wait for a repository another job is using. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(2);

    private final Path root;
    private final long maxBytes;
    private final Duration lockWait;
    private final Clock clock;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** A cache whose leases wait {@link #DEFAULT_LOCK_WAIT} at most for a repository in use. */
    public RepositoryCache(Path root, long maxBytes, Clock clock) {
        this(root, maxBytes, DEFAULT_LOCK_WAIT, clock);
    }

    /**
     * A cache.
     *
     * @param root     the directory holding the repositories (created when missing)
     * @param maxBytes the total size the cache shrinks to after each lease, by evicting unleased repositories
     * @param lockWait the longest {@link #open} waits while another job holds the repository
     */
    public RepositoryCache(Path root, long maxBytes, Duration lockWait, Clock clock) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the cache size bound must be positive, not " + maxBytes);
        }
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("the lock wait must not be negative, not " + lockWait);
        }
        this.root = root;
        this.maxBytes = maxBytes;
        this.lockWait = lockWait;
        this.clock = clock;
    }

    /**
     * Leases the repository's bare clone, creating an empty one when it is not cached; waits while another job
     * holds it, up to the cache's lock wait.
     *
     * @throws RepositoryBusyException when another job still holds the repository after the wait
     * @throws IOException             when the repository cannot be created or opened
     */
    public Lease open(RepoRef repo) throws IOException {
        return open(key(repo), repo, lockWait);
    }

    /**
     * Leases the bare repository that holds {@code repo}'s default branch for learning from its history, apart from
     * the one pull requests are fetched into: a pull request's shallow fetch would otherwise cut the deeper history
     * short, and a calibration does not hold up the repository's pull requests. Waits at most the cache's lock
     * wait while another job holds it; evicted like any other.
     *
     * @throws RepositoryBusyException when another job still holds it after the wait
     */
    public Lease openHistory(RepoRef repo) throws IOException {
        return openHistory(repo, lockWait);
    }

    /** As {@link #openHistory(RepoRef)}, waiting at most {@code wait}. */
    public Lease openHistory(RepoRef repo, Duration wait) throws IOException {
        // "~" is in no GitHub name, so no repository's own clone can be called this.
        return open(key(repo).replaceFirst("\\.git$", "~history.git"), repo, wait);
    }

    private Lease open(String key, RepoRef repo, Duration lockWait) throws IOException {
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            if (!lock.tryLock(lockWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new RepositoryBusyException(repo.fullName() + " is in use by another job for longer than "
                        + lockWait + "; this job gives way and is retried later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + repo.fullName());
        }
        try {
            Path dir = root.resolve(key);
            Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
            if (!Files.exists(dir.resolve("HEAD"))) {
                repository.create(true);
            }
            return new Lease(key, dir, repository, lock);
        } catch (IOException | RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    /** The total size of the cached repositories, in bytes. */
    public long sizeInBytes() throws IOException {
        long total = 0;
        for (Path dir : cachedRepositories()) {
            total += size(dir);
        }
        return total;
    }

    /** Whether a repository is on disk. */
    public boolean contains(RepoRef repo) {
        return Files.exists(root.resolve(key(repo)).resolve("HEAD"));
    }

    /** Evicts unleased repositories, least recently used first, until the cache fits its bound. */
    public void evictToBound() throws IOException {
        List<Path> dirs = cachedRepositories();
        List<long[]> sizes = new ArrayList<>();
        long total = 0;
        for (Path dir : dirs) {
            long size = size(dir);
            sizes.add(new long[] {size});
            total += size;
        }
        for (int i = 0; i < dirs.size() && total > maxBytes; i++) {
            Path dir = dirs.get(i);
            String key = root.relativize(dir).toString().replace('\\', '/');
            ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
            // isLocked as well: the lock is reentrant, so this thread's own leases would pass tryLock.
            if (lock.isLocked() || !lock.tryLock()) {
                continue; // in use: never evicted
            }
            try {
                FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE);
                total -= sizes.get(i)[0];
            } finally {
                lock.unlock();
            }
        }
    }

    /** The repositories on disk, least recently used first. */
    private List<Path> cachedRepositories() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> owners = Files.list(root)) {
            for (Path owner : owners.filter(Files::isDirectory).toList()) {
                try (Stream<Path> repos = Files.list(owner)) {
                    repos.filter(p -> Files.isDirectory(p) && p.getFileName().toString().endsWith(".git"))
                            .forEach(dirs::add);
                }
            }
        }
        dirs.sort(Comparator.comparing(RepositoryCache::lastUsed));
        return dirs;
    }

    private static FileTime lastUsed(Path dir) {
        try {
            return Files.getLastModifiedTime(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes of the files under {@code dir}. Git writes and removes lock and temporary files while it works (JGit's
     * automatic gc after a fetch, say), so a file that vanishes during the walk is not counted, not an error.
     */
    static long size(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return total[0];
    }

    /** GitHub names are case-insensitive, so one directory per repository whatever the case in an event. */
    private static String key(RepoRef repo) {
        return repo.owner().toLowerCase(Locale.ROOT) + "/" + repo.name().toLowerCase(Locale.ROOT) + ".git";
    }

    /** Exclusive use of one cached repository; closing it releases the lock and shrinks the cache to its bound. */
    public final class Lease implements AutoCloseable {

        private final String key;
        private final Path dir;
        private final Repository repository;
        private final ReentrantLock lock;
        private boolean closed;

        private Lease(String key, Path dir, Repository repository, ReentrantLock lock) {
            this.key = key;
            this.dir = dir;
            this.repository = repository;
            this.lock = lock;
        }

        /** The bare repository. */
        public Repository repository() {
            return repository;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                repository.close();
                if (Files.isDirectory(dir)) {
                    Files.setLastModifiedTime(dir, FileTime.from(clock.instant()));
                }
            } finally {
                lock.unlock();
            }
            evictToBound();
        }

        @Override
        public String toString() {
            return "lease of " + key;
        }
    }
}
