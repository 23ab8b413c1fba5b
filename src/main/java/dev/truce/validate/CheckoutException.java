package dev.truce.validate;

/**
 * A tree Truce will not write to disk for a build: over a {@link CheckoutLimits} bound, or with entries no git
 * checkout would write ({@code ..}, {@code .git}, a file and a folder of one name). Nothing is left on disk.
 */
public final class CheckoutException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An error whose message says which bound or entry and what to do. */
    public CheckoutException(String message) {
        super(message);
    }
}
