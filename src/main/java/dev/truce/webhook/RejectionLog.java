package dev.truce.webhook;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about refused webhook requests, at most one line per reason per interval
 * ({@code truce.webhook.rejection-log-interval}), saying how many more were refused for that reason meanwhile: a flood
 * of bad requests must not become a flood of log.
 */
final class RejectionLog {

    private static final Logger log = LoggerFactory.getLogger(RejectionLog.class);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<RejectedDelivery.Reason, Window> windows = new EnumMap<>(RejectedDelivery.Reason.class);

    RejectionLog(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        for (RejectedDelivery.Reason reason : RejectedDelivery.Reason.values()) {
            windows.put(reason, new Window());
        }
    }

    /** The next time a line may be written for one reason, and the refusals not written since the last line. */
    private static final class Window {
        final AtomicLong nextLineAt = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }

    /**
     * Notes one refused request.
     *
     * @param from the client's address (the socket's; behind a proxy, the proxy's)
     */
    void rejected(RejectedDelivery rejection, String from) {
        Window window = windows.get(rejection.reason());
        long now = nanoTime.getAsLong();
        long next = window.nextLineAt.get();
        boolean due = next == Long.MIN_VALUE || now - next >= 0;
        if (!due || !window.nextLineAt.compareAndSet(next, now + intervalNanos)) {
            window.suppressed.incrementAndGet();
            return;
        }
        long more = window.suppressed.getAndSet(0);
        if (more == 0) {
            log.warn("Refused a webhook request from {}: HTTP {}, {}", from, rejection.reason().status().value(),
                    rejection.getMessage());
        } else {
            log.warn("Refused a webhook request from {}: HTTP {}, {} (and {} more for this reason since the last line"
                    + " about it; at most one line per {})", from, rejection.reason().status().value(),
                    rejection.getMessage(), more, Duration.ofNanos(intervalNanos));
        }
    }
}
