package dev.truce.webhook;

import org.springframework.http.HttpStatus;

/**
 * A request to {@code POST /webhook} that is refused before anything is recorded: why (which also picks the status
 * and the line in the rate-limited log) and what to tell the sender.
 */
final class RejectedDelivery extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a request is refused; one rate-limited log line per reason. */
    enum Reason {
        /** The event or delivery header is missing, too long, or not printable ASCII. */
        HEADERS(HttpStatus.BAD_REQUEST),
        /** The body is larger than {@code truce.webhook.max-body-bytes}. */
        TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
        /** Bodies being received hold {@code truce.webhook.max-buffered-bytes} already. */
        BUSY(HttpStatus.SERVICE_UNAVAILABLE),
        /** The body is not signed with the webhook secret. */
        SIGNATURE(HttpStatus.UNAUTHORIZED),
        /** A signed body that is not JSON, or not the shape its event has. */
        PAYLOAD(HttpStatus.BAD_REQUEST);

        private final HttpStatus status;

        Reason(HttpStatus status) {
            this.status = status;
        }

        HttpStatus status() {
            return status;
        }
    }

    private final Reason reason;

    RejectedDelivery(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
