package dev.truce.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock a test moves by hand: to expire tokens, cross midnight, or let a rate limit pass, without waiting; or
 * one that moves a step on every reading, so that each time taken is later than the one before.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;
    private final Duration tick;

    /** A clock standing at {@code now}. */
    public MutableClock(Instant now) {
        this(now, Duration.ZERO);
    }

    private MutableClock(Instant now, Duration tick) {
        this.now = now;
        this.tick = tick;
    }

    /** A clock that moves {@code tick} forward before every reading, starting at {@code start}. */
    public static MutableClock ticking(Instant start, Duration tick) {
        return new MutableClock(start, tick);
    }

    /** Moves the clock forward. */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** Sets the clock. */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        if (!tick.isZero()) {
            now = now.plus(tick);
        }
        return now;
    }
}
