package dev.truce.github;

import dev.truce.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class InstallationTokensTest {

    private static final RepoRef HELLO = new RepoRef(7, "octocat", "Hello-World");
    private static final RepoRef SPOON = new RepoRef(7, "octocat", "Spoon-Knife");

    private final MutableClock clock = new MutableClock(GitHubApiStub.NOW);
    private final AtomicInteger issued = new AtomicInteger();
    private final List<RepoRef> requested = new CopyOnWriteArrayList<>();
    private final InstallationTokens tokens = new InstallationTokens(repo -> {
        requested.add(repo);
        return new InstallationToken("t" + repo.installationId() + ":" + repo.name() + "-" + issued.incrementAndGet(),
                clock.instant().plusSeconds(3600));
    }, clock, Duration.ofMinutes(5));

    @Test
    void reusedUntilFiveMinutesBeforeExpiryThenRenewed() throws Exception {
        assertThat(tokens.get(HELLO).value()).isEqualTo("t7:Hello-World-1");
        clock.advance(Duration.ofMinutes(54));
        assertThat(tokens.get(HELLO).value()).isEqualTo("t7:Hello-World-1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.get(HELLO).value()).isEqualTo("t7:Hello-World-2");
    }

    @Test
    void eachRepositoryOfOneInstallationHasItsOwnTokenRequestedOnce() throws Exception {
        assertThat(tokens.get(HELLO).value()).isEqualTo("t7:Hello-World-1");
        assertThat(tokens.get(SPOON).value()).isEqualTo("t7:Spoon-Knife-2");
        assertThat(tokens.get(HELLO).value()).isEqualTo("t7:Hello-World-1");
        assertThat(tokens.get(SPOON).value()).isEqualTo("t7:Spoon-Knife-2");

        assertThat(requested).containsExactly(HELLO, SPOON);
    }

    @Test
    void theSameNameInAnotherInstallationHasItsOwnToken() throws Exception {
        RepoRef elsewhere = new RepoRef(8, "octocat", "Hello-World");

        assertThat(tokens.get(HELLO).value()).isEqualTo("t7:Hello-World-1");
        assertThat(tokens.get(elsewhere).value()).isEqualTo("t8:Hello-World-2");
    }

    @Test
    void ownerAndNameAreCaseInsensitiveLikeGitHub() throws Exception {
        InstallationToken token = tokens.get(HELLO);

        assertThat(tokens.get(new RepoRef(7, "OctoCat", "hello-world"))).isSameAs(token);
        assertThat(requested).containsExactly(HELLO);

        tokens.invalidate(new RepoRef(7, "octocat", "HELLO-WORLD"));
        assertThat(tokens.get(HELLO)).isNotSameAs(token);
    }

    @Test
    void invalidatingOneRepositoryKeepsTheOthersToken() throws Exception {
        InstallationToken spoon = tokens.get(SPOON);
        tokens.get(HELLO);

        tokens.invalidate(HELLO);

        assertThat(tokens.get(SPOON)).isSameAs(spoon);
        assertThat(tokens.get(HELLO).value()).isEqualTo("t7:Hello-World-3");
        assertThat(requested).containsExactly(SPOON, HELLO, HELLO);
    }

    @Test
    void concurrentCallersShareOneRequest() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> values = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            values.add(pool.submit(() -> {
                start.await();
                return tokens.get(HELLO).value();
            }));
        }
        start.countDown();
        for (Future<String> value : values) {
            assertThat(value.get(5, TimeUnit.SECONDS)).isEqualTo("t7:Hello-World-1");
        }
        pool.shutdown();
        assertThat(issued).hasValue(1);
    }

    @Test
    void tokensNeverShowInToString() throws Exception {
        InstallationToken token = tokens.get(HELLO);

        assertThat(token.toString()).doesNotContain(token.value()).contains("redacted");
        assertThat(tokens.toString()).doesNotContain(token.value());
    }
}
