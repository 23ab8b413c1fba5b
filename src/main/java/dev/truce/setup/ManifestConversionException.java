package dev.truce.setup;

/** GitHub did not turn a manifest code into an App: the message says why and what to do. */
final class ManifestConversionException extends Exception {

    private static final long serialVersionUID = 1L;

    ManifestConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
