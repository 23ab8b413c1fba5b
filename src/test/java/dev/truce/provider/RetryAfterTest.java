package dev.truce.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsSeconds() {
        assertThat(RetryAfter.parse("7", clock)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 12:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 11:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse(null, clock)).isNull();
        assertThat(RetryAfter.parse("soon", clock)).isNull();
    }
}
