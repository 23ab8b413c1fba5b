package dev.truce.github;

/** A GitHub call failed; {@link #isRetryable()} says whether trying later may help (rate limits, 5xx, network). */
public class GitHubException extends Exception {

    private final boolean retryable;

    /** A failure with its cause. */
    public GitHubException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether the call may succeed later. */
    public boolean isRetryable() {
        return retryable;
    }
}
