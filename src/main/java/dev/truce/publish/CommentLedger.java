package dev.truce.publish;

/**
 * Remembers which one-off comments were posted, so a retried or repeated job does not post them twice. The
 * gateway cannot list a pull request's comments, so the record is kept here; each comment also carries a hidden
 * marker ({@code <!-- truce:<key> -->}) so a shared implementation could rebuild the record from GitHub.
 */
public interface CommentLedger {

    /** Records {@code key}; true the first time, false when it was recorded before. */
    boolean firstTime(String key);

    /** Forgets {@code key} (the comment could not be posted, so a retry should try again). */
    void forget(String key);
}
