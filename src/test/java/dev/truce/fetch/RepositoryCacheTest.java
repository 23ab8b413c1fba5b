package dev.truce.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.truce.github.RepoRef;
import dev.truce.testing.MutableClock;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryCacheTest {

    static final RepoRef A = new RepoRef(1, "octo", "a");
    static final RepoRef B = new RepoRef(1, "octo", "b");
    static final RepoRef C = new RepoRef(1, "Octo", "C");

    @TempDir
    Path dir;

    /** One minute per reading, so each lease is later than the one before. */
    final MutableClock clock = MutableClock.ticking(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1));

    /** Leases a repository and writes about {@code kib} KiB of incompressible objects into it. */
    static void fill(RepositoryCache cache, RepoRef repo, int kib) throws Exception {
        try (RepositoryCache.Lease lease = cache.open(repo); ObjectInserter inserter = lease.repository()
                .newObjectInserter()) {
            byte[] data = new byte[kib * 1024];
            new java.util.Random(repo.name().hashCode()).nextBytes(data);
            inserter.insert(Constants.OBJ_BLOB, data);
            inserter.flush();
        }
    }

    @Test
    void evictsLeastRecentlyUsedRepositoriesToStayWithinTheBound() throws Exception {
        RepositoryCache cache = new RepositoryCache(dir, 250 * 1024, clock);
        fill(cache, A, 100);
        fill(cache, B, 100);
        try (RepositoryCache.Lease touch = cache.open(A)) {
            assertThat(touch.repository().getObjectDatabase().exists()).isTrue();
        }
        fill(cache, C, 100); // over the bound: B is the least recently used

        assertThat(cache.contains(A)).isTrue();
        assertThat(cache.contains(B)).isFalse();
        assertThat(cache.contains(C)).isTrue();
        assertThat(cache.sizeInBytes()).isLessThanOrEqualTo(250 * 1024);
    }

    @Test
    void neverEvictsARepositoryInUse() throws Exception {
        RepositoryCache cache = new RepositoryCache(dir, 150 * 1024, clock);
        fill(cache, A, 100);
        try (RepositoryCache.Lease held = cache.open(A)) {
            fill(cache, B, 100); // A is older, but leased

            assertThat(cache.contains(A)).isTrue();
            assertThat(cache.contains(B)).isFalse();
        }
    }

    @Test
    void oneLeasePerRepositoryAtATime() throws Exception {
        RepositoryCache cache = new RepositoryCache(dir, 1 << 30, clock);
        CompletableFuture<Void> second;
        try (RepositoryCache.Lease held = cache.open(A)) {
            second = CompletableFuture.runAsync(() -> {
                try (RepositoryCache.Lease other = cache.open(A)) {
                    assertThat(other.repository()).isNotNull();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            assertThat(second).as("waits for the first lease").isNotDone();
        }
        second.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aJobWaitsForABusyRepositoryOnlyUpToTheLockWaitThenGivesWay() throws Exception {
        RepositoryCache cache = new RepositoryCache(dir, 1 << 30, java.time.Duration.ofMillis(200), clock);
        try (RepositoryCache.Lease stuck = cache.open(A)) {
            CompletableFuture<RepositoryCache.Lease> later = CompletableFuture.supplyAsync(() -> {
                try {
                    return cache.open(A);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            assertThatThrownBy(() -> later.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(
                    java.io.UncheckedIOException.class).rootCause().isInstanceOf(RepositoryBusyException.class)
                    .hasMessageContaining("octo/a is in use by another job");
            try (RepositoryCache.Lease other = cache.open(B)) {
                assertThat(other.repository()).as("other repositories are not held up").isNotNull();
            }
        }
        try (RepositoryCache.Lease after = cache.open(A)) {
            assertThat(after.repository()).isNotNull();
        }
    }

    @Test
    void namesDifferingOnlyInCaseShareOneRepository() throws Exception {
        RepositoryCache cache = new RepositoryCache(dir, 1 << 30, clock);
        fill(cache, C, 1);
        assertThat(cache.contains(new RepoRef(2, "octo", "c"))).isTrue();
    }

    @Test
    void filesGitRemovesWhileTheCacheIsMeasuredAreNotAnError() throws Exception {
        // JGit's automatic gc after a fetch writes and removes lock files while a lease closes and measures the cache.
        Path repo = java.nio.file.Files.createDirectories(dir.resolve("measured/octo/app.git/objects"));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        for (int n = 0; n < 2000; n++) {
            java.nio.file.Files.writeString(repo.resolve("gc-" + n + ".lock"), "x");
        }
        Thread churn = new Thread(() -> {
            int n = 0;
            while (!stop.get()) {
                Path lock = repo.resolve("gc-" + (n++ % 2000) + ".lock");
                try {
                    java.nio.file.Files.deleteIfExists(lock);
                    java.nio.file.Files.writeString(lock, "x");
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        churn.start();
        try {
            for (int i = 0; i < 100; i++) {
                assertThat(RepositoryCache.size(dir.resolve("measured"))).isNotNegative();
            }
        } finally {
            stop.set(true);
            churn.join();
        }
    }
}
