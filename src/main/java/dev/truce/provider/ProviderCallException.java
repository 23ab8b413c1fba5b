package dev.truce.provider;

import dev.truce.llm.ModelException;
import java.time.Duration;
import java.util.Optional;

/**
 * A call to a provider failed in transit: an HTTP error status or a transport failure (timeout, refused
 * connection). Carries what {@link ResilientModelClient} needs to decide whether and when to try again. The
 * message names the endpoint and the provider's error; the public reason says only what kind of failure it was.
 */
final class ProviderCallException extends ModelException {

    /** Status used for failures without an HTTP answer. */
    static final int NO_STATUS = 0;

    private final int status;
    private final Duration retryAfter;
    private final boolean timeout;

    private ProviderCallException(String message, String publicReason, int status, Duration retryAfter,
            boolean timeout, Throwable cause) {
        super(message, publicReason, cause);
        this.status = status;
        this.retryAfter = retryAfter;
        this.timeout = timeout;
    }

    static ProviderCallException status(String what, int status, Duration retryAfter, String detail) {
        String message = what + " answered HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
        // The provider's own text may name the operator's account, quota or endpoint: it stays in the message.
        String publicReason = switch (status) {
            case 429 -> "the model provider is limiting requests";
            case 401, 403 -> "the model provider refused the request";
            default -> "the model provider answered with an error";
        };
        return new ProviderCallException(message, publicReason, status, retryAfter, false, null);
    }

    static ProviderCallException timeout(String what, Duration limit, Throwable cause) {
        return new ProviderCallException(what + " did not answer within the call timeout of " + limit.toSeconds()
                + " s", "the model did not answer in time", NO_STATUS, null, true, cause);
    }

    static ProviderCallException transport(String what, Throwable cause) {
        return new ProviderCallException(what + " could not be reached: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"),
                "the model provider could not be reached", NO_STATUS, null, false, cause);
    }

    /** The HTTP status, or {@link #NO_STATUS}. */
    int status() {
        return status;
    }

    /** What the provider's {@code Retry-After} asked for, when it sent one. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Worth another attempt: a timeout, no connection, 408, 409 (Anthropic's lock contention), 429 or 5xx. */
    boolean isTransient() {
        return status == NO_STATUS || status == 408 || status == 409 || status == 429 || status >= 500;
    }

    boolean isTimeout() {
        return timeout;
    }
}
