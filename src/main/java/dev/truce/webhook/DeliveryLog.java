package dev.truce.webhook;

import java.sql.Timestamp;
import java.time.Instant;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import dev.truce.server.TruceProperties;

/** The {@code webhook_deliveries} table: which {@code X-GitHub-Delivery} ids were already handled. */
@Repository
class DeliveryLog {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLog.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;

    DeliveryLog(JdbcTemplate jdbc, TruceProperties properties) {
        this.jdbc = jdbc;
        this.retention = properties.webhook().deliveryRetention();
    }

    /** Records a delivery; false when it was recorded before (GitHub redelivered it). */
    boolean recordFirst(String deliveryId, String event) {
        try {
            jdbc.update("insert into webhook_deliveries (delivery_id, event, received_at) values (?, ?, ?)",
                    deliveryId, event, Timestamp.from(Instant.now()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
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
