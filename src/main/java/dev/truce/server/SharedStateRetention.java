package dev.truce.server;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import dev.truce.provider.JdbcBudgetLedger;
import dev.truce.publish.JdbcCommentLedger;

/**
 * Deletes comment-ledger keys and model spend older than {@link #RETENTION}, so the shared tables stay small. Every
 * replica may run this: deleting the same old rows twice is harmless.
 */
class SharedStateRetention {

    /** Long past any retry of a job and any daily budget. */
    static final Duration RETENTION = Duration.ofDays(90);

    private static final Logger log = LoggerFactory.getLogger(SharedStateRetention.class);

    private final JdbcCommentLedger comments;
    private final JdbcBudgetLedger spend;
    private final Clock clock;

    SharedStateRetention(JdbcCommentLedger comments, JdbcBudgetLedger spend, Clock clock) {
        this.comments = comments;
        this.spend = spend;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT2M")
    void forgetOldState() {
        int keys = comments.forgetRecordedBefore(clock.instant().minus(RETENTION));
        int rows = spend.forgetBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(RETENTION.toDays()));
        if (keys > 0 || rows > 0) {
            log.info("Forgot {} comment-ledger keys and {} model-spend rows older than {}", keys, rows, RETENTION);
        }
    }
}
