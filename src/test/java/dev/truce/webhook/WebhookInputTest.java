package dev.truce.webhook;

import static dev.truce.testing.RecordingPullRequestWork.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.truce.testing.TruceServerTest;

/**
 * Odd and hostile deliveries, signed or not: each is answered with the documented status (docs/github-app.md,
 * "Responses of POST /webhook") and changes nothing unless it is a new event Truce acts on.
 */
@TruceServerTest
class WebhookInputTest extends RunningService {



    @Test
    void delivery_and_event_headers_must_be_1_to_100_printable_ascii_characters() {
        byte[] body = WebhookClient.event("pull_request_opened").getBytes(StandardCharsets.UTF_8);
        String longest = "d".repeat(100);
        Map<String, Map<String, String>> refused = new LinkedHashMap<>();
        refused.put("delivery of 101", headers("pull_request", "d".repeat(101)));
        refused.put("event of 101", headers("p".repeat(101), UUID.randomUUID().toString()));
        refused.put("delivery with a space", headers("pull_request", "a b"));
        refused.put("event with a tab", headers("pull\trequest", UUID.randomUUID().toString()));
        refused.put("no delivery", Map.of("X-GitHub-Event", "pull_request"));
        refused.put("no event", Map.of("X-GitHub-Delivery", UUID.randomUUID().toString()));
        int before = deliveryRows();

        refused.forEach((what, headers) -> {
            Map<String, String> signed = new LinkedHashMap<>(headers);
            signed.put("X-Hub-Signature-256", github.sign(body));
            HttpResponse<String> response = github.post(signed, body);

            assertThat(response.statusCode()).as(what).isEqualTo(400);
        });
        assertThat(deliveryRows()).as("deliveries recorded").isEqualTo(before);
        assertThat(jobRows()).isZero();
        HttpResponse<String> atTheLimit = github.post("pull_request", body, longest, github.sign(body));
        assertThat(atTheLimit.statusCode()).isEqualTo(202);
        assertThat(deliveryRows(longest)).isOne();
    }

    @Test
    void an_event_header_that_does_not_match_the_payload_gets_400_and_nothing_is_recorded() {
        String[][] mismatches = {
            {"pull_request", WebhookClient.event("push")},
            {"pull_request", WebhookClient.event("issue_comment_created")},
            {"issue_comment", WebhookClient.event("pull_request_opened")},
            {"push", WebhookClient.event("pull_request_opened")},
            {"installation", WebhookClient.event("push").replace("\"installation\"", "\"not_installation\"")},
        };

        for (String[] mismatch : mismatches) {
            String delivery = UUID.randomUUID().toString();
            HttpResponse<String> response = github.send(mismatch[0], mismatch[1], delivery);

            assertThat(response.statusCode()).as(mismatch[0]).isEqualTo(400);
            assertThat(response.body()).startsWith("not a " + mismatch[0] + " payload");
            assertThat(deliveryRows(delivery)).isZero();
        }
        assertThat(jobRows()).isZero();
        assertThat(work.calls()).isEmpty();
    }

    @Test
    void pull_request_issue_and_installation_numbers_must_be_positive_integers() {
        String opened = WebhookClient.fixture("pull_request_opened");
        String comment = WebhookClient.fixture("issue_comment_created");
        String[][] refused = {
            {"pull_request", opened.replace("\"number\": 1347", "\"number\": -7")},
            {"pull_request", opened.replace("\"number\": 1347", "\"number\": 0")},
            {"pull_request", opened.replace("\"number\": 1347", "\"number\": \"1347\"")},
            // Wraps around to 7 as an int.
            {"pull_request", opened.replace("\"number\": 1347", "\"number\": 4294967303")},
            {"pull_request", opened.replace("\"number\": 1347", "\"number\": 13.47")},
            {"pull_request", opened.replaceFirst("\"number\": 1347", "\"number\": 1348")},
            {"pull_request", opened.replace("\"id\": 42424242", "\"id\": -42424242")},
            {"issue_comment", comment.replace("\"number\": 1347", "\"number\": -1")},
            {"issue_comment", comment.replace("\"id\": 1146825", "\"id\": 0")},
        };

        for (String[] delivery : refused) {
            HttpResponse<String> response = github.send(delivery[0], WebhookClient.anotherEvent(delivery[1]));

            assertThat(response.statusCode()).as(delivery[1]).isEqualTo(400);
        }
        assertThat(jobRows()).isZero();
        assertThat(work.calls()).isEmpty();
    }

    @Test
    void repository_names_that_are_not_github_names_get_400() {
        String opened = WebhookClient.fixture("pull_request_opened");
        String[] refused = {
            opened.replace("\"name\": \"Hello-World\"", "\"name\": \"..\""),
            opened.replace("\"login\": \"octocat\", \"id\": 1, \"type\": \"User\", \"site_admin\": false",
                    "\"login\": \"../etc\", \"id\": 1, \"type\": \"User\", \"site_admin\": false"),
            opened.replace("\"full_name\": \"octocat/Hello-World\",\n    \"private\"",
                    "\"full_name\": \"octocat/Hello/World\",\n    \"private\""),
        };

        for (String body : refused) {
            assertThat(github.send("pull_request", WebhookClient.anotherEvent(body)).statusCode()).as(body)
                    .isEqualTo(400);
        }
        assertThat(jobRows()).isZero();
    }

    @Test
    void a_signed_body_replayed_under_a_new_delivery_id_is_a_duplicate() {
        String closed = WebhookClient.event("pull_request_closed");
        String original = UUID.randomUUID().toString();
        String replay = UUID.randomUUID().toString();

        HttpResponse<String> first = github.send("pull_request", closed, original);
        await(TIMEOUT, () -> !work.closedFixes.isEmpty(), "the close-fix job to run");
        HttpResponse<String> again = github.send("pull_request", closed, replay);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("duplicate delivery: same body as delivery " + original + "\n");
        assertThat(deliveryRows(replay)).isZero();
        assertThat(jobRows()).isZero();
        assertThat(work.closedFixes).containsExactly("octocat/Hello-World#1347");
    }

    @Test
    void get_on_the_webhook_gets_405() {
        assertThat(github.get("/webhook").statusCode()).isEqualTo(405);
    }

    @Test
    void ignored_and_repeated_deliveries_are_logged_at_debug_and_acted_on_ones_at_info() {
        Logger logger = (Logger) LoggerFactory.getLogger(WebhookController.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(lines);
        try {
            String star = WebhookClient.anotherEvent("{\"action\": \"created\"}");
            String delivery = UUID.randomUUID().toString();
            github.send("star", star, delivery);
            github.send("star", star, delivery);
            github.send("pull_request", WebhookClient.event("pull_request_closed"));
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }

        assertThat(lines.list).extracting(line -> line.getLevel() + " " + line.getFormattedMessage())
                .satisfiesExactly(
                        ignored -> assertThat(ignored).startsWith("DEBUG").contains("(star): ignored"),
                        duplicate -> assertThat(duplicate).startsWith("DEBUG").contains("duplicate delivery"),
                        queued -> assertThat(queued).startsWith("INFO").contains("queued: close fix"));
    }

    private static Map<String, String> headers(String event, String delivery) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", delivery);
        return headers;
    }

    private int deliveryRows(String delivery) {
        return jdbc.queryForObject("select count(*) from webhook_deliveries where delivery_id = ?", Integer.class,
                delivery);
    }

    private int deliveryRows() {
        return jdbc.queryForObject("select count(*) from webhook_deliveries", Integer.class);
    }

}
