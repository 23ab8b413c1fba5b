package dev.truce.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class RejectionLogTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RejectionLog rejections = new RejectionLog(Duration.ofSeconds(60), nanos::get);
    private final Logger logger = (Logger) LoggerFactory.getLogger(RejectionLog.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void a_flood_of_refusals_writes_one_line_per_reason_per_interval_and_counts_the_rest() {
        RejectedDelivery signature = new RejectedDelivery(RejectedDelivery.Reason.SIGNATURE, "wrong signature");
        RejectedDelivery busy = new RejectedDelivery(RejectedDelivery.Reason.BUSY, "busy");

        for (int i = 0; i < 1000; i++) {
            rejections.rejected(signature, "203.0.113.7");
            nanos.addAndGet(Duration.ofMillis(10).toNanos());
        }
        rejections.rejected(busy, "203.0.113.8");
        nanos.addAndGet(Duration.ofSeconds(51).toNanos());
        rejections.rejected(signature, "203.0.113.7");

        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.WARN);
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).isEqualTo("Refused a webhook request from 203.0.113.7: HTTP 401, wrong signature");
        assertThat(messages.get(1)).contains("HTTP 503, busy").doesNotContain("more");
        // 1000 refusals in 10 s: the first was written, 999 were counted, and the one after the interval says so.
        assertThat(messages.get(2)).contains("HTTP 401", "and 999 more for this reason", "at most one line per PT1M");
    }
}
