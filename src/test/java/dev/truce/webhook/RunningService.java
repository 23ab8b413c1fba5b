package dev.truce.webhook;

import static dev.truce.testing.RecordingPullRequestWork.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.truce.server.TruceProperties;
import dev.truce.testing.RecordingPullRequestWork;

/**
 * What the webhook tests share: the running service ({@code @TruceServerTest} on the subclass), a client that signs
 * like GitHub, the recorded pipeline work reset before each test, and a job queue drained after it.
 */
abstract class RunningService {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;
    @Autowired
    TruceProperties properties;
    @Autowired
    RecordingPullRequestWork work;
    @Autowired
    JdbcTemplate jdbc;

    WebhookClient github;

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

    /** Jobs waiting or running, apart from the repositories' recurring calibrations (one row each, by design). */
    int jobRows() {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where task_name <> 'calibrate-repository'",
                Integer.class);
    }
}
