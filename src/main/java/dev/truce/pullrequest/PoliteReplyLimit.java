package dev.truce.pullrequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one polite "you cannot trigger Truce" reply per user per pull request per period. In memory: after a
 * restart a user may get one more reply, which is harmless; with several replicas each may reply once.
 */
final class PoliteReplyLimit {

    private final Clock clock;
    private final Duration period;
    private final Map<String, Instant> lastReply = new ConcurrentHashMap<>();

    PoliteReplyLimit(Clock clock, Duration period) {
        this.clock = clock;
        this.period = period;
    }

    /** Whether a reply to {@code login} on this pull request may go out now; if so, it is counted. */
    boolean tryReply(String repository, int number, String login) {
        Instant now = clock.instant();
        prune(now);
        String key = repository.toLowerCase() + "#" + number + ":" + login.toLowerCase();
        boolean[] allowed = {false};
        lastReply.compute(key, (k, last) -> {
            if (last == null || !now.isBefore(last.plus(period))) {
                allowed[0] = true;
                return now;
            }
            return last;
        });
        return allowed[0];
    }

    private void prune(Instant now) {
        if (lastReply.size() < 10_000) {
            return;
        }
        for (Iterator<Instant> it = lastReply.values().iterator(); it.hasNext();) {
            if (!now.isBefore(it.next().plus(period))) {
                it.remove();
            }
        }
    }
}
