package dev.truce.github;

/**
 * The GitHub App's private key cannot be used: the file is missing or unreadable, the key is encrypted, or the text
 * is not an RSA private key in PEM form. The message says what to do; it never contains key material.
 */
public class AppKeyException extends Exception {

    /** A key problem described for the operator. */
    public AppKeyException(String message) {
        super(message);
    }

    /** A key problem described for the operator, with its cause. */
    public AppKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
