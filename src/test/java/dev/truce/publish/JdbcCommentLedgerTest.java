package dev.truce.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.truce.testing.SharedDatabases;

/** The comment ledger in the database, as two replicas of the service see it, on H2 and on PostgreSQL. */
class JdbcCommentLedgerTest {

    static final String KEY = "needs-human:octo/app#5:3f786850e387550fdab836ed7e6dc881de23001b"
            + ":89e6c98d92887913cadf06b2adb97f26cde4849b";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void aKeyIsFirstOnceUntilItIsForgotten(String engine, SharedDatabases.Fresh fresh) {
        JdbcCommentLedger ledger = new JdbcCommentLedger(fresh.create(), Clock.systemUTC());

        assertThat(ledger.firstTime(KEY)).isTrue();
        assertThat(ledger.firstTime(KEY)).isFalse();
        assertThat(ledger.firstTime("other")).isTrue();
        ledger.forget(KEY);
        assertThat(ledger.firstTime(KEY)).as("after forget").isTrue();
        assertThat(ledger.firstTime("other")).as("forget touches only its key").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void twoReplicasOnOneDatabaseAgree(String engine, SharedDatabases.Fresh fresh) {
        DataSource database = fresh.create();
        JdbcCommentLedger first = new JdbcCommentLedger(database, Clock.systemUTC());
        JdbcCommentLedger second = new JdbcCommentLedger(database, Clock.systemUTC());

        assertThat(first.firstTime(KEY)).isTrue();
        assertThat(second.firstTime(KEY)).as("the other replica already posted it").isFalse();
        second.forget(KEY);
        assertThat(first.firstTime(KEY)).as("the other replica forgot it").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void replicasRacingForOneKeyPostItOnce(String engine, SharedDatabases.Fresh fresh) throws Exception {
        DataSource database = fresh.create();
        int replicas = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                JdbcCommentLedger ledger = new JdbcCommentLedger(database, Clock.systemUTC());
                Callable<Boolean> race = () -> {
                    start.await();
                    return ledger.firstTime(KEY);
                };
                answers.add(pool.submit(race));
            }
            start.countDown();
            int firsts = 0;
            for (Future<Boolean> answer : answers) {
                firsts += answer.get() ? 1 : 0;
            }
            assertThat(firsts).isOne();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void oldKeysArePrunedAndRecentOnesKept(String engine, SharedDatabases.Fresh fresh) {
        DataSource database = fresh.create();
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        new JdbcCommentLedger(database, Clock.fixed(now.minus(Duration.ofDays(100)), ZoneOffset.UTC)).firstTime("old");
        JdbcCommentLedger ledger = new JdbcCommentLedger(database, Clock.fixed(now, ZoneOffset.UTC));
        ledger.firstTime("recent");

        assertThat(ledger.forgetRecordedBefore(now.minus(Duration.ofDays(90)))).isOne();
        assertThat(ledger.firstTime("old")).isTrue();
        assertThat(ledger.firstTime("recent")).isFalse();
    }
}
