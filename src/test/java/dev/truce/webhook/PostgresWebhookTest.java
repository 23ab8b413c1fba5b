package dev.truce.webhook;

import static dev.truce.testing.RecordingPullRequestWork.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.truce.testing.RecordingPullRequestWork;
import dev.truce.testing.SharedPostgres;
import dev.truce.testing.TruceServerTest;

/** The whole service on real PostgreSQL: migrations, delivery log, job queue and workers. */
@TruceServerTest
class PostgresWebhookTest extends RunningService {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String database = SharedPostgres.newDatabase();
        registry.add("spring.datasource.url", () -> SharedPostgres.jdbcUrl(database));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }


    @Test
    void deliveries_are_deduplicated_and_jobs_collapse_and_run_on_postgresql() throws Exception {
        work.reset();
        int deliveriesBefore = jdbc.queryForObject("select count(*) from webhook_deliveries", Integer.class);
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        CountDownLatch release = new CountDownLatch(1);
        work.onResolve(request -> RecordingPullRequestWork.hold(release));
        String delivery = UUID.randomUUID().toString();
        String opened = WebhookClient.fixture("pull_request_opened");

        HttpResponse<String> first = github.send("pull_request", opened, delivery);
        HttpResponse<String> redelivered = github.send("pull_request", opened, delivery);
        await(Duration.ofSeconds(10), () -> work.resolved.size() == 1, "the job to start");
        HttpResponse<String> sameHeadAndBase = github.send("pull_request", WebhookClient.anotherEvent(opened));
        int rowsWhileRunning = jobRows();
        release.countDown();

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(redelivered.body()).contains("duplicate delivery");
        assertThat(sameHeadAndBase.statusCode()).isEqualTo(202);
        assertThat(rowsWhileRunning).isOne();
        await(Duration.ofSeconds(10),
                () -> jobRows() == 0,
                "the job to finish");
        assertThat(work.resolved).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from webhook_deliveries", Integer.class))
                .isEqualTo(deliveriesBefore + 2);
    }

    @Test
    void concurrent_distinct_deliveries_for_the_same_pull_request_all_succeed_and_make_one_job() throws Exception {
        // Distinct deliveries about one head and base race to insert the same job row; on PostgreSQL a failed insert
        // would abort the webhook's whole transaction, so every racer after the first must not fail.
        CountDownLatch release = new CountDownLatch(1);
        String head = "c0ffee0000000000000000000000000000000001";
        String opened = WebhookClient.fixture("pull_request_opened")
                .replace("6dcb09b5b57875f334f61aebed695e2e4193db5e", head);
        int deliveries = 24;
        work.reset();
        work.onResolve(request -> RecordingPullRequestWork.hold(release));
        int deliveriesBefore = jdbc.queryForObject("select count(*) from webhook_deliveries", Integer.class);
        ExecutorService senders = Executors.newFixedThreadPool(deliveries);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                String body = WebhookClient.anotherEvent(opened);
                sent.add(senders.submit(() -> {
                    go.await();
                    return github.send("pull_request", body);
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> response : sent) {
                responses.add(response.get());
            }
        } finally {
            senders.shutdownNow();
        }
        int rowsWhileRunning = jobRows();
        release.countDown();

        assertThat(responses).extracting(HttpResponse::statusCode).as("%s", responses.stream()
                .map(HttpResponse::body).toList()).containsOnly(202);
        assertThat(rowsWhileRunning).isOne();
        await(Duration.ofSeconds(10),
                () -> jobRows() == 0,
                "the job to finish");
        assertThat(work.resolved).extracting(request -> request.headSha()).containsExactly(head);
        assertThat(jdbc.queryForObject("select count(*) from webhook_deliveries", Integer.class))
                .isEqualTo(deliveriesBefore + deliveries);
    }

    @Test
    void a_storm_of_one_delivery_and_its_replays_under_new_ids_is_handled_once_on_postgresql() throws Exception {
        // The same signed body, 20 times under one delivery id and 10 times under new ids, all at once.
        work.reset();
        String closed = WebhookClient.event("pull_request_closed");
        String delivery = UUID.randomUUID().toString();
        ExecutorService senders = Executors.newFixedThreadPool(30);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String id = i < 20 ? delivery : UUID.randomUUID().toString();
                sent.add(senders.submit(() -> {
                    go.await();
                    return github.send("pull_request", closed, id);
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> response : sent) {
                responses.add(response.get());
            }
        } finally {
            senders.shutdownNow();
        }

        assertThat(responses).extracting(HttpResponse::statusCode).as("%s", responses.stream()
                .map(HttpResponse::body).toList()).containsOnly(200, 202).containsOnlyOnce(202);
        await(Duration.ofSeconds(10), () -> !work.closedFixes.isEmpty()
                && jobRows() == 0, "the job to run");
        assertThat(work.closedFixes).containsExactly("octocat/Hello-World#1347");
    }
}
