package dev.truce.webhook;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The webhook's meters: {@value #DELIVERIES} ({@code truce_webhook_deliveries_total}) by {@code event} and
 * {@code outcome}, and {@value #ACKNOWLEDGEMENT} ({@code truce_webhook_acknowledgement_seconds}), the time from the
 * request to the answer, by {@code event}. Events Truce does not handle are counted as {@code other}, so an
 * unauthenticated sender cannot make up tag values.
 */
final class WebhookMetrics {

    static final String DELIVERIES = "truce.webhook.deliveries";
    static final String ACKNOWLEDGEMENT = "truce.webhook.acknowledgement";

    private static final Set<String> EVENTS = Set.of("pull_request", "push", "issue_comment", "installation",
            "installation_repositories", "ping");

    private final MeterRegistry registry;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One answered request.
     *
     * @param event   the {@code X-GitHub-Event} header, or {@code null} when it was missing or invalid
     * @param outcome what became of it: queued, recorded, ping, ignored, duplicate, or the refusal
     *                (bad_headers, too_large, busy, bad_signature, bad_payload)
     */
    void answered(String event, String outcome, Duration took) {
        String tag = event == null ? "none" : EVENTS.contains(event) ? event : "other";
        Counter.builder(DELIVERIES).description("Webhook requests by event and outcome").tag("event", tag)
                .tag("outcome", outcome).register(registry).increment();
        Timer.builder(ACKNOWLEDGEMENT).description("Time to answer a webhook request").tag("event", tag)
                .publishPercentileHistogram().register(registry).record(took);
    }

    /** The outcome tag of a refused request. */
    static String refused(RejectedDelivery.Reason reason) {
        return switch (reason) {
            case HEADERS -> "bad_headers";
            case SIGNATURE -> "bad_signature";
            case PAYLOAD -> "bad_payload";
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }
}
