package dev.truce.webhook;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of webhook bodies held in memory at once, across all requests ({@code truce.webhook.max-buffered-bytes}).
 * A body must be held until its signature is checked, so without a global bound many concurrent unauthenticated
 * bodies could fill the heap; past the bound a request is refused with 503 instead.
 */
final class BodyBudget {

    private final long capacity;
    private final AtomicLong inUse = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    BodyBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("truce.webhook.max-buffered-bytes must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Takes {@code bytes} from the budget; false (and nothing taken) when that would pass the capacity. */
    boolean reserve(long bytes) {
        long before;
        do {
            before = inUse.get();
            if (before + bytes > capacity) {
                return false;
            }
        } while (!inUse.compareAndSet(before, before + bytes));
        peak.accumulateAndGet(before + bytes, Math::max);
        return true;
    }

    /** Gives back bytes taken with {@link #reserve}. */
    void release(long bytes) {
        inUse.addAndGet(-bytes);
    }

    long inUse() {
        return inUse.get();
    }

    /** The most ever held at once: never more than the capacity. */
    long peak() {
        return peak.get();
    }

    long capacity() {
        return capacity;
    }
}
