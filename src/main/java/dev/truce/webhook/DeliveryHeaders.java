package dev.truce.webhook;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The two GitHub headers a delivery must carry, checked before the body is read: each 1 to {@value #MAX_LENGTH}
 * printable ASCII characters (GitHub's are a GUID and a lower-case event name), so they fit their columns and are
 * safe to log.
 *
 * @param event    {@code X-GitHub-Event}
 * @param delivery {@code X-GitHub-Delivery}
 */
record DeliveryHeaders(String event, String delivery) {

    /** The size of the {@code webhook_deliveries} columns. */
    static final int MAX_LENGTH = 100;

    static DeliveryHeaders of(HttpServletRequest request) throws RejectedDelivery {
        return new DeliveryHeaders(checked(request.getHeader("X-GitHub-Event"), "X-GitHub-Event"),
                checked(request.getHeader("X-GitHub-Delivery"), "X-GitHub-Delivery"));
    }

    private static String checked(String value, String name) throws RejectedDelivery {
        // The message never repeats the value: it is unauthenticated and may be built to forge log lines.
        if (value == null || value.isEmpty()) {
            throw new RejectedDelivery(RejectedDelivery.Reason.HEADERS, name + " is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw new RejectedDelivery(RejectedDelivery.Reason.HEADERS,
                    name + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new RejectedDelivery(RejectedDelivery.Reason.HEADERS,
                        name + " must be printable ASCII without spaces");
            }
        }
        return value;
    }
}
