package dev.truce.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.truce.testing.MutableClock;

/** A job's deadline and a file's share of it. */
class DeadlineTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void aFilesShareEndsAtItsOwnLimitWhenTheJobHasTimeLeft() {
        Deadline job = Deadline.after(Duration.ofMinutes(15), clock);
        Deadline file = job.within(Duration.ofMinutes(2));

        clock.set(Instant.parse("2026-03-01T10:01:59Z"));
        assertThat(file.expired()).isFalse();
        clock.set(Instant.parse("2026-03-01T10:02:00Z"));
        assertThat(file.expired()).isTrue();
        assertThat(job.expired()).isFalse();
        assertThat(file.reason()).contains("the time limit of 2 min passed");
    }

    @Test
    void aFilesShareNeverOutlastsTheJob() {
        Deadline job = Deadline.after(Duration.ofMinutes(15), clock);
        clock.set(Instant.parse("2026-03-01T10:14:00Z"));

        Deadline file = job.within(Duration.ofMinutes(2));

        assertThat(file).isSameAs(job);
        clock.set(Instant.parse("2026-03-01T10:15:00Z"));
        assertThat(file.expired()).isTrue();
        assertThat(file.reason()).contains("the time limit of 15 min passed");
    }

    @Test
    void withoutAJobDeadlineAFileStillGetsItsOwn() {
        Deadline file = Deadline.NONE.within(Duration.ZERO);

        assertThat(file.expired()).isTrue();
        assertThat(Deadline.NONE.expired()).isFalse();
    }
}
