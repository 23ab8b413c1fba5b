package dev.truce.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.testing.FakeGitHubApi;
import dev.truce.testing.TruceProcess;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built jar run as an operator runs it, for what operations rely on: the management port's probes and metrics,
 * JSON logs that name each job's delivery, repository and pull request and never a secret, and SIGTERM: the webhook
 * stops accepting, a running job finishes within the grace period, or is released at its end and another replica
 * runs it at once. GitHub is WireMock, git a real smart-HTTP server (as in {@link CrashRecoveryIT}).
 */
class OperationsIT {

    private static final int PR = PomConflict.PR;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private PomConflict scenario;
    private final List<TruceProcess> processes = new ArrayList<>();

    @BeforeEach
    void fakes() throws Exception {
        scenario = PomConflict.start(dir, "replica-a");
    }

    @AfterEach
    void stop() throws Exception {
        for (TruceProcess process : processes) {
            process.close();
        }
        scenario.close();
    }

    @Test
    void the_management_port_serves_the_probes_and_the_metrics_and_the_webhook_port_keeps_only_healthz()
            throws Exception {
        TruceProcess truce = start(scenario.environment, "truce.log");
        assertThat(send(truce)).isEqualTo(202);
        awaitLinkComment(truce);

        assertThat(truce.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(truce.get("/actuator/health").statusCode()).as("not on the webhook port").isEqualTo(404);
        assertThat(truce.get("/actuator/prometheus").statusCode()).isEqualTo(404);
        HttpResponse<String> liveness = truce.management("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> readiness = truce.management("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"db\"", "\"jobs\"", "\"readinessState\"");
        String metrics = truce.management("/actuator/prometheus").body();
        assertThat(metrics).contains(
                "truce_webhook_deliveries_total{application=\"truce\",event=\"pull_request\",outcome=\"queued\"} 1.0",
                "truce_webhook_acknowledgement_seconds_count{application=\"truce\",event=\"pull_request\"} 1",
                "truce_jobs_queued_total{application=\"truce\",type=\"resolve-pull-request\"} 1.0",
                "truce_jobs_runs_seconds_count{application=\"truce\",outcome=\"succeeded\","
                        + "type=\"resolve-pull-request\"} 1",
                "truce_jobs_waiting{application=\"truce\"} 0.0", "truce_jobs_running{application=\"truce\"} 0.0",
                "truce_github_requests_seconds_count{application=\"truce\",method=\"POST\",status=\"2xx\"}",
                "truce_github_rate_limit_remaining{application=\"truce\",resource=\"core\"} 4999.0",
                "jvm_memory_used_bytes");
    }

    @Test
    void json_logs_name_the_delivery_repository_and_pull_request_on_every_line_of_a_job_and_no_secret()
            throws Exception {
        Map<String, String> json = new HashMap<>(scenario.environment);
        json.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        json.put("LOGGING_LEVEL_DEV_TRUCE", "DEBUG");
        String delivery = UUID.randomUUID().toString();
        TruceProcess truce = start(json, "truce.log");
        assertThat(truce.send("pull_request", scenario.opened(), delivery)).isEqualTo(202);
        awaitLinkComment(truce);
        truce.close();
        String output = Files.readString(dir.resolve("truce.log"));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("{")) {
                lines.add(parse(line));
            }
        }
        assertThat(lines).as("JSON lines").hasSizeGreaterThan(10);
        List<JsonNode> ofTheJob = lines.stream().filter(l -> l.path("process").path("thread").path("name")
                .asString("").startsWith("db-scheduler-pool")).toList();
        assertThat(ofTheJob).as("lines the job's worker wrote, among %s", lines.stream().map(l -> l.path("process")
                .path("thread").path("name").asString("") + " " + l.path("message").asString("")).toList())
                .hasSizeGreaterThanOrEqualTo(2).allSatisfy(line -> {
            assertThat(line.path("delivery").asString()).as(line.toString()).isEqualTo(delivery);
            assertThat(line.path("repository").asString()).isEqualTo("octocat/Hello-World");
            assertThat(line.path("pr").asString()).isEqualTo(Integer.toString(PR));
            assertThat(line.path("job").asString()).startsWith("resolve-pull-request octocat/Hello-World#" + PR);
        });
        assertThat(lines).as("the webhook's line").anySatisfy(line -> {
            assertThat(line.path("message").asString()).contains("Delivery " + delivery);
            assertThat(line.path("delivery").asString()).isEqualTo(delivery);
        });
        assertNoSecretIn(output);
    }

    @Test
    void on_sigterm_the_webhook_stops_accepting_and_the_running_job_finishes() throws Exception {
        // The job waits 4 s for the repository's settings: SIGTERM arrives while it runs.
        scenario.github.slow(request("GET", urlPathEqualTo(FakeGitHubApi.REPO + "/contents/.github/truce.yml")),
                Duration.ofSeconds(4), 404, "not-found.json");
        TruceProcess truce = start(scenario.environment, "truce.log");
        assertThat(send(truce)).isEqualTo(202);
        scenario.github.awaitRequest("GET", FakeGitHubApi.REPO + "/contents/.github/truce.yml", TIMEOUT);

        truce.terminate();

        truce.await(() -> !accepts(truce), "the webhook to stop accepting connections", TIMEOUT);
        assertThat(scenario.github.commentsOn(PR)).as("the webhook stopped accepting first, while the job still ran")
                .isEmpty();
        truce.awaitExit(TIMEOUT);
        assertThat(scenario.github.commentsOn(PR)).as("the job finished before the process ended").singleElement()
                .asString().contains("/pull/" + FakeGitHubApi.FIX_PR);
        assertThat(truce.output()).contains("waiting up to PT30S for 1 running job(s) to finish")
                .doesNotContain("released");
        assertThat(jobRows()).as("nothing left in the queue").isZero();
    }

    @Test
    void a_job_still_running_after_the_grace_period_is_released_and_another_replica_runs_it_at_once()
            throws Exception {
        Map<String, String> shortGrace = new HashMap<>(scenario.environment);
        shortGrace.put("TRUCE_JOBS_SHUTDOWNGRACE", "1s");
        StubMapping stuck = scenario.github.hang(request("GET", urlPathEqualTo(FakeGitHubApi.REPO
                + "/contents/.github/truce.yml")));
        TruceProcess first = start(shortGrace, "replica-a.log");
        assertThat(send(first)).isEqualTo(202);
        scenario.github.awaitRequest("GET", FakeGitHubApi.REPO + "/contents/.github/truce.yml", TIMEOUT);

        first.terminate();
        first.awaitExit(TIMEOUT);
        assertThat(first.output()).contains("1 job(s) still running after the shutdown grace period of PT1S were"
                + " stopped and released");
        assertThat(jobRows()).as("the job is still queued").isEqualTo(1);
        scenario.github.release(stuck);

        Map<String, String> other = new HashMap<>(scenario.environment);
        other.put("TRUCE_JOBS_SCHEDULERNAME", "replica-b");
        TruceProcess second = start(other, "replica-b.log");
        awaitLinkComment(second);

        assertThat(second.output()).as("released, not found dead").doesNotContain("were running when this replica")
                .doesNotContain("running it again");
        assertThat(scenario.github.requests("POST", FakeGitHubApi.REPO + "/pulls")).hasSize(1);
    }

    // --- steps ------------------------------------------------------------------------------------------------

    private TruceProcess start(Map<String, String> env, String log) throws Exception {
        TruceProcess process = TruceProcess.start(env, dir.resolve(log));
        processes.add(process);
        return process;
    }

    private int send(TruceProcess truce) throws Exception {
        return scenario.sendOpened(truce);
    }

    /** Whether the webhook port still takes requests: any answer counts (a repeat of the body gets 200). */
    private boolean accepts(TruceProcess truce) {
        try {
            send(truce);
            return true;
        } catch (IOException refused) {
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void awaitLinkComment(TruceProcess truce) throws InterruptedException {
        truce.await(() -> !scenario.github.commentsOn(PR).isEmpty(), "the fix pull request's link comment", TIMEOUT);
    }

    /** Rows in the job table, read from the H2 file once no process holds it. */
    private long jobRows() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data").resolve("truce")
                + ";MODE=PostgreSQL", "sa", ""); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from scheduled_tasks")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void assertNoSecretIn(String output) {
        assertThat(output).doesNotContain(scenario.environment.get("TRUCE_GITHUB_WEBHOOKSECRET"))
                .doesNotContain(scenario.github.token);
        // Any line of the key's body would be part of it.
        scenario.pem.lines().filter(l -> !l.startsWith("-----"))
                .forEach(line -> assertThat(output).doesNotContain(line));
    }

    private static JsonNode parse(String line) {
        try {
            return JsonMapper.builder().build().readTree(line);
        } catch (JacksonException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

}
