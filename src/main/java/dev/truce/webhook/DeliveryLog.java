package dev.truce.webhook;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code webhook_deliveries} table: which {@code X-GitHub-Delivery} ids were already handled. */
@Repository
class DeliveryLog {

    private final JdbcTemplate jdbc;

    DeliveryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
}
