package dev.truce.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link CommentLedger} in memory, bounded to the most recent keys: enough for retries and redeliveries within
 * one process. After a restart a comment may be posted once more.
 */
public final class InMemoryCommentLedger implements CommentLedger {

    private final Map<String, Boolean> keys;

    /** A ledger remembering at most {@code capacity} keys. */
    public InMemoryCommentLedger(int capacity) {
        this.keys = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }

    @Override
    public boolean firstTime(String key) {
        return keys.putIfAbsent(key, Boolean.TRUE) == null;
    }

    @Override
    public void forget(String key) {
        keys.remove(key);
    }
}
