package dev.truce.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class InstallationTokensTest {

    private final MutableClock clock = new MutableClock(GitHubApiStub.NOW);
    private final AtomicInteger issued = new AtomicInteger();
    private final InstallationTokens tokens = new InstallationTokens(
            id -> new InstallationToken("t" + id + "-" + issued.incrementAndGet(), clock.instant().plusSeconds(3600)),
            clock, Duration.ofMinutes(5));

    @Test
    void reusedUntilFiveMinutesBeforeExpiryThenRenewed() throws Exception {
        assertThat(tokens.get(7).value()).isEqualTo("t7-1");
        clock.advance(Duration.ofMinutes(54));
        assertThat(tokens.get(7).value()).isEqualTo("t7-1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.get(7).value()).isEqualTo("t7-2");
    }

    @Test
    void eachInstallationHasItsOwnToken() throws Exception {
        assertThat(tokens.get(1).value()).isEqualTo("t1-1");
        assertThat(tokens.get(2).value()).isEqualTo("t2-2");
        assertThat(tokens.get(1).value()).isEqualTo("t1-1");
    }

    @Test
    void concurrentCallersShareOneRequest() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> values = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            values.add(pool.submit(() -> {
                start.await();
                return tokens.get(9).value();
            }));
        }
        start.countDown();
        for (Future<String> value : values) {
            assertThat(value.get(5, TimeUnit.SECONDS)).isEqualTo("t9-1");
        }
        pool.shutdown();
        assertThat(issued).hasValue(1);
    }

    @Test
    void tokensNeverShowInToString() throws Exception {
        InstallationToken token = tokens.get(3);

        assertThat(token.toString()).doesNotContain(token.value()).contains("redacted");
        assertThat(tokens.toString()).doesNotContain(token.value());
    }
}
