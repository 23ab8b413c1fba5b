package dev.truce.llm;

/**
 * A model call failed for good (after the retries a client makes): the hunks it was about are declined. The message
 * says in full what went wrong (endpoint, provider error, budget amounts) for the operator's log and the local
 * command line; {@link #publicReason()} says it plainly enough to be posted on a pull request.
 */
public class ModelException extends Exception {

    /** What a failure without a more specific public reason says in public. */
    public static final String DEFAULT_PUBLIC_REASON = "the model call failed";

    private final String publicReason;

    /**
     * A failure.
     *
     * @param message      what went wrong, in full
     * @param publicReason the same, with no URL, host, port, exception name, amount or limit in it
     * @param cause        the cause, or {@code null}
     */
    public ModelException(String message, String publicReason, Throwable cause) {
        super(message, cause);
        this.publicReason = publicReason == null || publicReason.isBlank() ? DEFAULT_PUBLIC_REASON : publicReason;
    }

    /** A failure with a message that says what went wrong, and its cause; in public, {@link #DEFAULT_PUBLIC_REASON}. */
    public ModelException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** A failure with a message that says what went wrong; in public, {@link #DEFAULT_PUBLIC_REASON}. */
    public ModelException(String message) {
        this(message, null, null);
    }

    /** Why the call failed, in words that reveal nothing about the operator's setup: safe to post on GitHub. */
    public String publicReason() {
        return publicReason;
    }
}
