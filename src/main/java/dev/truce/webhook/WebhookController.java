package dev.truce.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.truce.appmode.ConditionalOnGitHubApp;
import dev.truce.observe.LogContext;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhook}. In order, each step refusing what it cannot accept before the next one runs: the GitHub
 * headers (400), the body read in chunks within the per-request limit (413) and the global memory budget (503) while
 * its HMAC is computed, the signature (401), the JSON and its shape for the event (400); then one short transaction
 * records the delivery (a repeat by id or by body: 200) and queues at most one job (202). Nothing slow happens here:
 * GitHub expects an answer within seconds. Every answer is counted and timed ({@link WebhookMetrics}); the lines
 * logged while handling a delivery carry its id ({@link LogContext}).
 */
@RestController
@ConditionalOnGitHubApp
class WebhookController {

    /** What a 503 tells the sender: the budget frees up as the bodies being received are handled. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookSignature signature;
    private final DeliveryLog deliveries;
    private final EventRouter router;
    private final TransactionTemplate transaction;
    private final BodyBudget budget;
    private final RejectionLog rejections;
    private final long maxBodyBytes;
    private final WebhookMetrics metrics;
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookController(WebhookSignature signature, DeliveryLog deliveries, EventRouter router,
            TransactionTemplate transaction, BodyBudget budget, WebhookSettings settings, MeterRegistry registry) {
        this.metrics = new WebhookMetrics(registry);
        this.signature = signature;
        this.deliveries = deliveries;
        this.router = router;
        this.transaction = transaction;
        this.budget = budget;
        this.rejections = new RejectionLog(settings.rejectionLogInterval(), System::nanoTime);
        this.maxBodyBytes = settings.maxBodyBytes().toBytes();
    }

    @PostMapping(path = "/webhook")
    ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
        long start = System.nanoTime();
        DeliveryHeaders headers;
        try {
            headers = DeliveryHeaders.of(request);
        } catch (RejectedDelivery rejected) {
            return refuse(rejected, request, null, start);
        }
        try (LogContext.Scope scope = LogContext.delivery(headers.delivery())) {
            ResponseEntity<String> response = receive(request, headers);
            metrics.answered(headers.event(), outcome(response), Duration.ofNanos(System.nanoTime() - start));
            return response;
        } catch (RejectedDelivery rejected) {
            try (LogContext.Scope scope = LogContext.delivery(headers.delivery())) {
                return refuse(rejected, request, headers.event(), start);
            }
        }
    }

    private ResponseEntity<String> receive(HttpServletRequest request, DeliveryHeaders headers)
            throws IOException, RejectedDelivery {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw new RejectedDelivery(RejectedDelivery.Reason.TOO_LARGE,
                    "body larger than " + maxBodyBytes + " bytes");
        }
        try (InputStream in = request.getInputStream();
                ReceivedBody body = ReceivedBody.read(in, maxBodyBytes, budget, signature.mac())) {
            if (!signature.matches(body.hmac(), request.getHeader("X-Hub-Signature-256"))) {
                throw new RejectedDelivery(RejectedDelivery.Reason.SIGNATURE,
                        "missing or wrong X-Hub-Signature-256");
            }
            JsonNode payload = parse(body);
            PayloadShape.check(headers.event(), payload);
            return handle(headers, body.sha256(), payload);
        }
    }

    private ResponseEntity<String> refuse(RejectedDelivery rejected, HttpServletRequest request, String event,
            long start) {
        rejections.rejected(rejected, request.getRemoteAddr());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(rejected.reason().status());
        if (rejected.reason() == RejectedDelivery.Reason.BUSY) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        metrics.answered(event, WebhookMetrics.refused(rejected.reason()), Duration.ofNanos(System.nanoTime()
                - start));
        return response.contentType(MediaType.TEXT_PLAIN).body(rejected.getMessage() + "\n");
    }

    /** The outcome tag of an accepted or repeated delivery, from the first word of its answer. */
    private static String outcome(ResponseEntity<String> response) {
        if (response.getStatusCode() == HttpStatus.OK) {
            return "duplicate";
        }
        String body = response.getBody() == null ? "" : response.getBody().strip();
        if (body.equals("pong")) {
            return "ping";
        }
        int colon = body.indexOf(':');
        return colon > 0 ? body.substring(0, colon) : "accepted";
    }

    private JsonNode parse(ReceivedBody body) throws RejectedDelivery, IOException {
        JsonNode payload;
        try (InputStream in = body.open()) {
            payload = json.readTree(in);
        } catch (JacksonException e) {
            throw new RejectedDelivery(RejectedDelivery.Reason.PAYLOAD, "body is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw new RejectedDelivery(RejectedDelivery.Reason.PAYLOAD, "body is not a JSON object");
        }
        return payload;
    }

    private ResponseEntity<String> handle(DeliveryHeaders headers, String bodySha256, JsonNode payload) {
        String delivery = headers.delivery();
        String event = headers.event();
        ResponseEntity<String> response = transaction.execute(status -> {
            Optional<String> earlier = deliveries.recordFirst(delivery, event, bodySha256);
            if (earlier.isPresent()) {
                status.setRollbackOnly();
                return reply(HttpStatus.OK, earlier.get().equals(delivery) ? "duplicate delivery " + delivery
                        : "duplicate delivery: same body as delivery " + earlier.get());
            }
            return reply(HttpStatus.ACCEPTED, router.route(event, payload).message());
        });
        String outcome = response.getBody().strip();
        if (response.getStatusCode() == HttpStatus.ACCEPTED && !outcome.startsWith(EventRouter.Outcome.IGNORED)) {
            log.info("Delivery {} ({}): {}", delivery, event, outcome);
        } else {
            // Events Truce does not act on and repeats are most of the traffic: not worth a line each by default.
            log.debug("Delivery {} ({}): {}", delivery, event, outcome);
        }
        return response;
    }

    private static ResponseEntity<String> reply(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message + "\n");
    }
}
