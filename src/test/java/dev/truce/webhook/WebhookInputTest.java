package dev.truce.webhook;

import static dev.truce.fixtures.RecordingPullRequestWork.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.truce.fixtures.RecordingPullRequestWork;
import dev.truce.fixtures.TruceServerTest;
import dev.truce.server.TruceProperties;

/** Odd deliveries: each is answered with the documented status and logged at the level it deserves. */
@TruceServerTest
class WebhookInputTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;
    @Autowired
    TruceProperties properties;
    @Autowired
    RecordingPullRequestWork work;
    @Autowired
    JdbcTemplate jdbc;

    private WebhookClient github;

    @BeforeEach
    void connect() {
        github = new WebhookClient(port, properties.github().webhookSecret());
        work.reset();
    }

    @AfterEach
    void drain() {
        work.reset();
        await(TIMEOUT, () -> jobRows() == 0, "the job queue to drain");
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
            github.send("pull_request", WebhookClient.anotherEvent(WebhookClient.fixture("pull_request_closed")));
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

    private int jobRows() {
        return jdbc.queryForObject("select count(*) from scheduled_tasks", Integer.class);
    }
}
