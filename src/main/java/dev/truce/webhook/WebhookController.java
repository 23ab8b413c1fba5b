package dev.truce.webhook;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.truce.server.TruceProperties;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhook}: reads the raw body (bounded), checks its signature, records the delivery and queues a job,
 * all in one short transaction. Nothing slow happens here: GitHub expects an answer within seconds.
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookSignature signature;
    private final DeliveryLog deliveries;
    private final EventRouter router;
    private final TransactionTemplate transaction;
    private final long maxBodyBytes;
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookController(WebhookSignature signature, DeliveryLog deliveries, EventRouter router,
            TransactionTemplate transaction, TruceProperties properties) {
        this.signature = signature;
        this.deliveries = deliveries;
        this.router = router;
        this.transaction = transaction;
        this.maxBodyBytes = properties.webhook().maxBodyBytes().toBytes();
    }

    @PostMapping(path = "/webhook")
    ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            return reply(HttpStatus.CONTENT_TOO_LARGE, "body larger than " + maxBodyBytes + " bytes");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        }
        if (body.length > maxBodyBytes) {
            return reply(HttpStatus.CONTENT_TOO_LARGE, "body larger than " + maxBodyBytes + " bytes");
        }
        String delivery = request.getHeader("X-GitHub-Delivery");
        if (!signature.matches(body, request.getHeader("X-Hub-Signature-256"))) {
            log.warn("Rejected delivery {}: missing or wrong X-Hub-Signature-256", delivery);
            return reply(HttpStatus.UNAUTHORIZED, "missing or wrong X-Hub-Signature-256");
        }
        String event = request.getHeader("X-GitHub-Event");
        if (event == null || event.isBlank() || delivery == null || delivery.isBlank()) {
            return reply(HttpStatus.BAD_REQUEST, "X-GitHub-Event and X-GitHub-Delivery are required");
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JacksonException e) {
            return reply(HttpStatus.BAD_REQUEST, "body is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            return reply(HttpStatus.BAD_REQUEST, "body is not a JSON object");
        }
        ResponseEntity<String> response = transaction.execute(status -> {
            if (!deliveries.recordFirst(delivery, event)) {
                // PostgreSQL aborted the transaction at the duplicate key; nothing else was written.
                status.setRollbackOnly();
                return reply(HttpStatus.OK, "duplicate delivery " + delivery);
            }
            EventRouter.Outcome outcome = router.route(event, payload);
            return reply(HttpStatus.ACCEPTED, outcome.message());
        });
        log.info("Delivery {} ({}): {}", delivery, event, response.getBody().strip());
        return response;
    }

    private static ResponseEntity<String> reply(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message + "\n");
    }
}
