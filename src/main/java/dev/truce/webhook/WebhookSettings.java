package dev.truce.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The webhook endpoint, bound from {@code truce.webhook.*}.
 *
 * @param maxBodyBytes          larger bodies get 413, as soon as that many bytes have arrived. GitHub caps
 *                              payloads at 25 MB, but the events Truce acts on are far smaller (a pull request
 *                              or comment event is tens of KB; a push of many commits a few MB)
 * @param maxBufferedBytes      the bytes of bodies held in memory at once across all requests (a body is held
 *                              until its signature is checked); past it a request gets 503 with Retry-After
 * @param rejectionLogInterval  refused requests are logged (WARN) at most once per interval per reason, with a
 *                              count of those not logged
 * @param deliveryRetention     how long a delivery id and body hash are remembered to ignore redeliveries (GitHub
 *                              lets people redeliver from the last 3 days)
 */
public record WebhookSettings(
        @DefaultValue("5MB") DataSize maxBodyBytes,
        @DefaultValue("64MB") DataSize maxBufferedBytes,
        @DefaultValue("60s") Duration rejectionLogInterval,
        @DefaultValue("7d") Duration deliveryRetention) {

    /** Rejects limits the endpoint cannot work with, naming the property to fix. */
    public WebhookSettings {
        if (maxBodyBytes.toBytes() < 1) {
            throw new IllegalArgumentException("truce.webhook.max-body-bytes must be positive, was "
                    + maxBodyBytes);
        }
        if (maxBufferedBytes.toBytes() <= maxBodyBytes.toBytes()) {
            throw new IllegalArgumentException("truce.webhook.max-buffered-bytes (" + maxBufferedBytes
                    + ") must be larger than truce.webhook.max-body-bytes (" + maxBodyBytes
                    + "), or no body of the largest allowed size could ever be received");
        }
        if (rejectionLogInterval.isNegative()) {
            throw new IllegalArgumentException("truce.webhook.rejection-log-interval must not be negative, was "
                    + rejectionLogInterval);
        }
        if (deliveryRetention.isNegative() || deliveryRetention.isZero()) {
            throw new IllegalArgumentException("truce.webhook.delivery-retention must be positive, was "
                    + deliveryRetention);
        }
    }
}
