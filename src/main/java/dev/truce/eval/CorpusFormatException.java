package dev.truce.eval;

/** A corpus file cannot be read at all (missing, not gzip, not JSON lines). */
public final class CorpusFormatException extends Exception {

    /** A failure with its cause. */
    public CorpusFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
