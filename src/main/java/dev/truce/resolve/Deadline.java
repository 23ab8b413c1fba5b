package dev.truce.resolve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * When the engine stops working on a file or a job. The engine checks it between units of work (before each hunk,
 * each strategy, each model request); once it has passed, what is left is reported as
 * "needs a human: took too long (...)" and no more work is done on it. {@link #NONE} never passes.
 *
 * <p>One deadline may be shared by several files (a job's deadline) or made per file; it is safe to share between
 * threads.
 */
public final class Deadline {

    /** A deadline that never passes. */
    public static final Deadline NONE = new Deadline(null, 0, null);

    /** What an outcome left undecided because the deadline passed starts with. */
    public static final String TOO_LONG = "needs a human: took too long";

    private final LongSupplier nanos;
    private final long at;
    private final Duration limit;

    private Deadline(LongSupplier nanos, long at, Duration limit) {
        this.nanos = nanos;
        this.at = at;
        this.limit = limit;
    }

    /**
     * A deadline {@code limit} from now on the system's monotonic clock (unaffected by changes of the wall clock).
     *
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public static Deadline after(Duration limit) {
        checkLimit(limit);
        LongSupplier ticker = System::nanoTime;
        return new Deadline(ticker, ticker.getAsLong() + saturatedNanos(limit), limit);
    }

    /**
     * A deadline {@code limit} from now on {@code clock} (tests pass a clock they move by hand).
     *
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public static Deadline after(Duration limit, Clock clock) {
        checkLimit(limit);
        Objects.requireNonNull(clock, "clock");
        LongSupplier ticker = () -> epochNanos(clock.instant());
        return new Deadline(ticker, ticker.getAsLong() + saturatedNanos(limit), limit);
    }

    /**
     * The earlier of this deadline and {@code limit} from now: a file's share of a job's time. The reason then names
     * the limit that applies.
     *
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Deadline within(Duration limit) {
        checkLimit(limit);
        LongSupplier ticker = nanos != null ? nanos : System::nanoTime;
        long candidate = ticker.getAsLong() + saturatedNanos(limit);
        if (nanos != null && at - candidate <= 0) {
            return this;
        }
        return new Deadline(ticker, candidate, limit);
    }

    /** Whether the deadline has passed. */
    public boolean expired() {
        return nanos != null && nanos.getAsLong() - at >= 0;
    }

    /** The time this deadline allowed, or empty for {@link #NONE}. */
    public Optional<Duration> limit() {
        return Optional.ofNullable(limit);
    }

    /** The reason given for work left undone once this deadline has passed. */
    public String reason() {
        return TOO_LONG + " (" + (limit == null ? "the time limit passed" : "the time limit of " + show(limit)
                + " passed") + " before this was decided)";
    }

    @Override
    public String toString() {
        return limit == null ? "no deadline" : "deadline after " + show(limit);
    }

    private static void checkLimit(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("a deadline's limit must not be negative, not " + limit);
        }
    }

    // A limit too large for a long of nanoseconds (about 292 years) simply never passes in practice.
    private static long saturatedNanos(Duration limit) {
        try {
            return limit.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String show(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
