package dev.truce.webhook;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import dev.truce.appmode.ConditionalOnGitHubApp;

/**
 * The {@code webhook_deliveries} table: which deliveries were already handled, by {@code X-GitHub-Delivery} id and by
 * the SHA-256 of the signed body (the id is not signed, so a replayed body may come with a new one).
 */
@Repository
@ConditionalOnGitHubApp
class DeliveryLog {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLog.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;

    DeliveryLog(JdbcTemplate jdbc, WebhookSettings settings) {
        this.jdbc = jdbc;
        this.retention = settings.deliveryRetention();
    }

    /**
     * Records a delivery, in the caller's transaction; empty when it is new, else the id of the delivery it repeats
     * (the same id, or another id with the same body). The insert does nothing on a conflict rather than fail, so on
     * PostgreSQL the transaction stays usable; a concurrent insert of the same delivery waits for the first to commit.
     */
    Optional<String> recordFirst(String deliveryId, String event, String bodySha256) {
        int inserted = jdbc.update("insert into webhook_deliveries (delivery_id, event, received_at, body_sha256)"
                + " values (?, ?, ?, ?) on conflict do nothing", deliveryId, event, Timestamp.from(Instant.now()),
                bodySha256);
        if (inserted == 1) {
            return Optional.empty();
        }
        List<String> earlier = jdbc.queryForList("select delivery_id from webhook_deliveries where delivery_id = ?"
                + " or body_sha256 = ? order by case when delivery_id = ? then 0 else 1 end", String.class,
                deliveryId, bodySha256, deliveryId);
        // Empty only if the earlier row was forgotten in between: still a repeat.
        return Optional.of(earlier.isEmpty() ? deliveryId : earlier.get(0));
    }

    /**
     * Forgets deliveries older than the retention, so the table stays small. Every replica may run this: deleting
     * the same old rows twice is harmless.
     */
    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT1M")
    void forgetOldDeliveries() {
        int deleted = forgetReceivedBefore(Instant.now().minus(retention));
        if (deleted > 0) {
            log.info("Forgot {} webhook deliveries older than {}", deleted, retention);
        }
    }

    int forgetReceivedBefore(Instant cutoff) {
        return jdbc.update("delete from webhook_deliveries where received_at < ?", Timestamp.from(cutoff));
    }
}
