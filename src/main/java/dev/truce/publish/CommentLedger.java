package dev.truce.publish;

/**
 * Remembers which one-off comments were posted, so a retried or repeated job does not post them twice without
 * asking GitHub. Each comment also carries a hidden marker ({@code <!-- truce:<key> -->}) which the publisher looks
 * for among the pull request's comments before posting: a comment GitHub stored while answering with an error (so
 * the key was forgotten) is found there and not posted again.
 */
public interface CommentLedger {

    /** Records {@code key}; true the first time, false when it was recorded before. */
    boolean firstTime(String key);

    /** Forgets {@code key} (the comment could not be posted, so a retry should try again). */
    void forget(String key);
}
