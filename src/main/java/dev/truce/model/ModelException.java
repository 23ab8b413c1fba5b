package dev.truce.model;

/**
 * A model call failed for good (after the retries a client makes): the hunks it was about are declined with this
 * message as the reason.
 */
public class ModelException extends Exception {

    /** A failure with a message that says what went wrong, and its cause. */
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure with a message that says what went wrong. */
    public ModelException(String message) {
        super(message);
    }
}
