package dev.truce.validate;

/**
 * The sandbox cannot run here; the message says why ("unavailable, because ...") and what would fix it. Builds
 * then do not run, unless the operator explicitly chose {@link UnsandboxedRunner}.
 */
public final class SandboxUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An error whose message says why and what to do. */
    public SandboxUnavailableException(String message) {
        super(message);
    }
}
