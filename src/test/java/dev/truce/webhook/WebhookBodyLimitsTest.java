package dev.truce.webhook;

import static dev.truce.testing.RecordingPullRequestWork.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.truce.server.TruceProperties;
import dev.truce.testing.TruceServerTest;

/**
 * The body limits under hostile load, with small limits so the test stays small: 64 KB per request (from
 * {@link TruceServerTest}) and 96 KB held at once across all requests.
 */
@TruceServerTest
@TestPropertySource(properties = "truce.webhook.max-buffered-bytes=96KB")
class WebhookBodyLimitsTest {

    private static final int BUDGET = 96 * 1024;
    private static final int LIMIT = 64 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    TruceProperties properties;
    @Autowired
    BodyBudget budget;
    @Autowired
    JdbcTemplate jdbc;

    private WebhookClient github;

    @BeforeEach
    void connect() {
        github = new WebhookClient(port, properties.github().webhookSecret());
        await(Duration.ofSeconds(20), () -> budget.inUse() == 0, "bodies of earlier tests to be released");
    }

    @Test
    void past_the_global_budget_a_request_gets_503_with_retry_after_until_bodies_being_received_are_done()
            throws Exception {
        // Two slow senders: 40 KB of each 44 KB body has arrived (three 16 KB chunks each), the rest has not.
        byte[] first = paddedStarEvent(44 * 1024);
        byte[] second = paddedStarEvent(44 * 1024);
        try (RawWebhookRequest slow1 = new RawWebhookRequest(port, "star", uuid(), github.sign(first));
                RawWebhookRequest slow2 = new RawWebhookRequest(port, "star", uuid(), github.sign(second))) {
            slow1.send(first, 0, 40 * 1024);
            slow2.send(second, 0, 40 * 1024);
            await(Duration.ofSeconds(20), () -> budget.inUse() == BUDGET, "both slow bodies to hold the budget");

            String delivery = uuid();
            HttpResponse<String> refused = github.send("star", WebhookClient.anotherEvent("{}"), delivery);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue(WebhookController.RETRY_AFTER_SECONDS);
            assertThat(deliveryRows(delivery)).isZero();

            slow1.send(first, 40 * 1024, first.length - 40 * 1024);
            slow1.finish();
            slow2.send(second, 40 * 1024, second.length - 40 * 1024);
            slow2.finish();
            assertThat(slow1.response().status()).isEqualTo(202);
            assertThat(slow2.response().status()).isEqualTo(202);
        }
        await(Duration.ofSeconds(20), () -> budget.inUse() == 0, "the budget to be given back");
        assertThat(github.send("star", WebhookClient.anotherEvent("{}")).statusCode()).isEqualTo(202);
    }

    @Test
    void concurrent_oversized_chunked_bodies_never_hold_more_than_the_budget_and_the_service_keeps_answering()
            throws Exception {
        // The harness's attack in small: 40 unauthenticated chunked bodies, each far over the limit, all at once.
        int senders = 40;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<Integer>> statuses = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int i = 0; i < senders; i++) {
                statuses.add(pool.submit(() -> {
                    go.await();
                    return oversizedUpload(1024 * 1024);
                }));
            }
            go.countDown();
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                seen.add(status.get(60, TimeUnit.SECONDS));
            }

            assertThat(seen).as("statuses (0: connection closed after the refusal)").containsAnyOf(413)
                    .allMatch(status -> status == 413 || status == 503 || status == 0);
        } finally {
            pool.shutdownNow();
        }
        assertThat(budget.peak()).isLessThanOrEqualTo(BUDGET);
        await(Duration.ofSeconds(20), () -> budget.inUse() == 0, "the budget to be given back");
        assertThat(github.send("star", WebhookClient.anotherEvent("{}")).statusCode()).isEqualTo(202);
    }

    @Test
    void a_chunked_body_gets_413_once_the_limit_is_passed_without_the_rest_being_read() throws Exception {
        long attempted = 64L * 1024 * 1024;
        byte[] block = new byte[16 * 1024];
        try (RawWebhookRequest upload = new RawWebhookRequest(port, "star", uuid(), "sha256=00")) {
            CompletableFuture<RawWebhookRequest.Response> response = CompletableFuture.supplyAsync(() -> {
                try {
                    return upload.response();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                while (upload.bodyBytesWritten() < attempted && !response.isDone()) {
                    upload.send(block, 0, block.length);
                }
            } catch (IOException closedByTheServer) {
                // Expected once the server has answered and stopped reading.
            }

            assertThat(response.get(30, TimeUnit.SECONDS).status()).isEqualTo(413);
            // The limit, what the container drains after the answer, and socket buffers: far below what was offered.
            assertThat(upload.bodyBytesWritten()).isLessThan(attempted / 4);
        }
    }

    /** Uploads {@code size} bytes in chunks, unsigned; the status, or 0 when the connection closed first. */
    private int oversizedUpload(int size) throws IOException {
        byte[] block = new byte[16 * 1024];
        try (RawWebhookRequest upload = new RawWebhookRequest(port, "push", uuid(), "sha256=00")) {
            try {
                while (upload.bodyBytesWritten() < size) {
                    upload.send(block, 0, block.length);
                }
                upload.finish();
            } catch (IOException closedByTheServer) {
                // The server answered and stopped reading; the answer may still be there to read.
            }
            try {
                return upload.response().status();
            } catch (IOException e) {
                return 0;
            }
        }
    }

    /** A star event (Truce ignores it) padded to about {@code size} bytes, within the 64 KB limit. */
    private static byte[] paddedStarEvent(int size) {
        assertThat(size).isLessThan(LIMIT);
        String json = WebhookClient.anotherEvent("{\"action\": \"created\", \"padding\": \"" + "x".repeat(size) + "\"}");
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    private int deliveryRows(String delivery) {
        return jdbc.queryForObject("select count(*) from webhook_deliveries where delivery_id = ?", Integer.class,
                delivery);
    }
}
