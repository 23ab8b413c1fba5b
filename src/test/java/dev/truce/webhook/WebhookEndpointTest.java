package dev.truce.webhook;

import static dev.truce.testing.RecordingPullRequestWork.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.truce.github.RepoRef;
import dev.truce.pullrequest.ResolveRequest;
import dev.truce.testing.RecordingPullRequestWork;
import dev.truce.testing.TruceServerTest;

@TruceServerTest
class WebhookEndpointTest extends RunningService {

    private static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final String BASE = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
    private static final RepoRef HELLO_WORLD = new RepoRef(42424242, "octocat", "Hello-World");

    @Autowired
    DeliveryLog deliveryLog;

    @Test
    void healthz_answers_ok() {
        HttpResponse<String> response = github.get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void a_pull_request_opened_becomes_a_resolve_job_the_workers_run() {
        HttpResponse<String> response = github.send("pull_request", WebhookClient.event("pull_request_opened"));

        assertThat(response.statusCode()).isEqualTo(202);
        await(TIMEOUT, () -> !work.resolved.isEmpty(), "the resolve job to run");
        assertThat(work.resolved).containsExactly(new ResolveRequest(HELLO_WORLD, 1347, HEAD, BASE,
                ResolveRequest.Trigger.PULL_REQUEST_EVENT, null, 0));
    }

    @Test
    void missing_wrong_or_unprefixed_signatures_get_401_and_nothing_is_recorded() {
        byte[] body = WebhookClient.event("pull_request_opened").getBytes(StandardCharsets.UTF_8);
        String validHex = github.sign(body).substring("sha256=".length());
        WebhookClient otherSecret = new WebhookClient(port, "not-the-secret");
        String[] badSignatures = {null, otherSecret.sign(body), validHex, "sha1=" + validHex, "sha256=",
            github.sign("{}".getBytes(StandardCharsets.UTF_8))};

        for (String bad : badSignatures) {
            String delivery = UUID.randomUUID().toString();
            HttpResponse<String> response = github.post("pull_request", body, delivery, bad);

            assertThat(response.statusCode()).as("signature %s", bad).isEqualTo(401);
            assertThat(deliveryRows(delivery)).as("delivery recorded for signature %s", bad).isZero();
        }
        assertThat(jobRows()).isZero();
        assertThat(work.calls()).isEmpty();
    }

    @Test
    void a_body_over_the_limit_gets_413_and_nothing_is_recorded() {
        String padding = "x".repeat(70 * 1024);
        byte[] body = ("{\"action\":\"opened\",\"padding\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> response = github.post("pull_request", body, delivery, github.sign(body));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(deliveryRows(delivery)).isZero();
    }

    @Test
    void malformed_json_gets_400_and_nothing_is_recorded() {
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> response = github.send("pull_request", "{\"action\": \"opened\", ", delivery);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(deliveryRows(delivery)).isZero();
    }

    @Test
    void a_redelivered_delivery_is_ignored() {
        String delivery = UUID.randomUUID().toString();
        String closed = WebhookClient.event("pull_request_closed");

        HttpResponse<String> first = github.send("pull_request", closed, delivery);
        await(TIMEOUT, () -> !work.closedFixes.isEmpty(), "the close-fix job to run");
        HttpResponse<String> again = github.send("pull_request", closed, delivery);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate delivery");
        assertThat(jobRows()).isZero();
        assertThat(work.closedFixes).containsExactly("octocat/Hello-World#1347");
        assertThat(deliveryRows(delivery)).isOne();
    }

    @Test
    void two_deliveries_about_the_same_head_and_base_make_one_job() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // The first job holds its row while it runs, so the second delivery meets it in the table.
        work.onResolve(request -> RecordingPullRequestWork.hold(release));
        String head = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
        String opened = WebhookClient.event("pull_request_opened").replace(HEAD, head);
        String synchronize = WebhookClient.event("pull_request_synchronize").replace(HEAD, head);

        HttpResponse<String> first = github.send("pull_request", opened);
        await(TIMEOUT, () -> work.resolved.size() == 1, "the first job to start");
        HttpResponse<String> second = github.send("pull_request", synchronize);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(jobRows()).isOne();
        release.countDown();
        await(TIMEOUT, () -> jobRows() == 0, "the job to finish");
        assertThat(work.resolved).hasSize(1);
    }

    @Test
    void drafts_wait_until_ready_for_review() {
        HttpResponse<String> draft = github.send("pull_request", WebhookClient.event("pull_request_opened_draft"));
        HttpResponse<String> ready = github.send("pull_request",
                WebhookClient.event("pull_request_ready_for_review"));

        assertThat(draft.body()).contains("ignored: draft");
        await(TIMEOUT, () -> !work.resolved.isEmpty(), "the resolve job to run");
        assertThat(work.resolved).hasSize(1);
    }

    @Test
    void a_changed_base_branch_is_resolved_but_other_edits_are_not() {
        String opened = WebhookClient.event("pull_request_opened");
        String titleEdited = opened.replace("\"action\": \"opened\",",
                "\"action\": \"edited\", \"changes\": {\"title\": {\"from\": \"Old title\"}},");
        String baseEdited = opened.replace("\"action\": \"opened\",",
                "\"action\": \"edited\", \"changes\": {\"base\": {\"ref\": {\"from\": \"develop\"}}},");

        HttpResponse<String> title = github.send("pull_request", titleEdited);
        HttpResponse<String> base = github.send("pull_request", baseEdited);

        assertThat(title.body()).startsWith("ignored");
        assertThat(base.body()).startsWith("queued: resolve");
        await(TIMEOUT, () -> !work.resolved.isEmpty(), "the resolve job to run");
        assertThat(work.resolved).hasSize(1);
    }

    @Test
    void deliveries_older_than_the_retention_are_forgotten() {
        String recent = UUID.randomUUID().toString();
        String old = UUID.randomUUID().toString();
        github.send("star", WebhookClient.anotherEvent("{}"), recent);
        jdbc.update("insert into webhook_deliveries (delivery_id, event, received_at) values (?, 'star', ?)", old,
                java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(8))));

        deliveryLog.forgetOldDeliveries();

        assertThat(deliveryRows(old)).isZero();
        assertThat(deliveryRows(recent)).isOne();
    }

    @Test
    void a_push_to_a_branch_rechecks_the_pull_requests_into_it() {
        work.openPullRequests(11, 12);

        HttpResponse<String> response = github.send("push", WebhookClient.event("push"));

        assertThat(response.statusCode()).isEqualTo(202);
        await(TIMEOUT, () -> work.resolved.size() == 2, "a resolve job per open pull request");
        assertThat(work.rechecks).containsExactly("octocat/Hello-World:main max 7");
        assertThat(work.resolved).extracting(ResolveRequest::number).containsExactlyInAnyOrder(11, 12);
        assertThat(work.resolved).extracting(ResolveRequest::trigger).containsOnly(ResolveRequest.Trigger.BASE_MOVED);
    }

    @Test
    void a_failed_check_suite_run_or_status_on_a_fix_branch_becomes_one_repair_job() {
        String fixed = "octocat/Hello-World:truce/1347-6dcb09b@0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";

        HttpResponse<String> suite = github.send("check_suite", WebhookClient.event("check_suite_failed_on_fix"));

        assertThat(suite.statusCode()).isEqualTo(202);
        assertThat(suite.body()).contains("queued: repair " + fixed);
        await(TIMEOUT, () -> work.repairs.size() == 1 && jobRows() == 0, "the repair job to run");
        assertThat(work.repairs).containsExactly(fixed);
        // One at a time: while a repair of this commit waits, another event about it joins that job.
        HttpResponse<String> run = github.send("check_run", WebhookClient.event("check_run_failed_on_fix"));
        assertThat(run.body()).contains("queued: repair " + fixed);
        await(TIMEOUT, () -> work.repairs.size() == 2 && jobRows() == 0, "the second repair job to run");
        HttpResponse<String> status = github.send("status", WebhookClient.event("status_failed_on_fix"));
        assertThat(status.body()).contains("queued: repair " + fixed);
        await(TIMEOUT, () -> work.repairs.size() == 3, "the third repair job to run");
        assertThat(work.repairs).containsOnly(fixed);
    }

    @Test
    void passing_checks_checks_of_other_branches_and_truces_own_checks_are_ignored() {
        String suite = WebhookClient.event("check_suite_failed_on_fix");

        HttpResponse<String> passed = github.send("check_suite", suite.replace("\"conclusion\": \"failure\"",
                "\"conclusion\": \"success\""));
        HttpResponse<String> feature = github.send("check_suite", suite.replace("truce/1347-6dcb09b", "feature"));
        HttpResponse<String> own = github.send("check_suite", suite.replace("github-actions",
                properties.github().appSlug()));
        HttpResponse<String> requested = github.send("check_suite", suite.replace("\"action\": \"completed\"",
                "\"action\": \"requested\""));
        HttpResponse<String> badSha = github.send("check_suite", suite.replace(
                "\"head_sha\": \"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c\"", "\"head_sha\": \"main\""));

        assertThat(passed.body()).contains("ignored: check_suite concluded success");
        assertThat(feature.body()).contains("ignored: check_suite on a branch that is not Truce's");
        assertThat(own.body()).contains("ignored: check_suite of Truce itself");
        assertThat(requested.body()).contains("ignored: check_suite action requested");
        assertThat(badSha.statusCode()).isEqualTo(400);
        assertThat(jobRows()).isZero();
        assertThat(work.repairs).isEmpty();
    }

    @Test
    void pushes_of_tags_and_deleted_branches_are_ignored() {
        String push = WebhookClient.event("push");

        HttpResponse<String> tag = github.send("push", push.replace("refs/heads/main", "refs/tags/v1.0"));
        HttpResponse<String> deleted = github.send("push", push.replace("\"deleted\": false", "\"deleted\": true"));

        assertThat(tag.body()).contains("ignored");
        assertThat(deleted.body()).contains("ignored: branch deleted");
        assertThat(jobRows()).isZero();
        assertThat(work.rechecks).isEmpty();
    }

    @Test
    void a_resolve_comment_on_a_pull_request_is_checked_then_resolved() {
        HttpResponse<String> response = github.send("issue_comment", WebhookClient.event("issue_comment_created"));

        assertThat(response.statusCode()).isEqualTo(202);
        await(TIMEOUT, () -> !work.resolved.isEmpty(), "the resolve job the comment asked for");
        assertThat(work.commentRequests).containsExactly("octocat/Hello-World#1347 comment 1146825 by hubot");
        assertThat(work.resolved).containsExactly(new ResolveRequest(HELLO_WORLD, 1347, null, null,
                ResolveRequest.Trigger.COMMENT, "hubot", 1146825));
    }

    @Test
    void the_slash_command_also_asks_for_a_resolve() {
        String comment = WebhookClient.event("issue_comment_created")
                .replace("Thanks! @truce resolve please", "/truce resolve");

        github.send("issue_comment", comment);

        await(TIMEOUT, () -> !work.resolved.isEmpty(), "the resolve job the comment asked for");
    }

    @Test
    void a_comment_request_that_is_not_accepted_resolves_nothing() {
        work.acceptComments(false);

        github.send("issue_comment", WebhookClient.event("issue_comment_created"));

        await(TIMEOUT, () -> !work.commentRequests.isEmpty() && jobRows() == 0, "the comment job to finish");
        assertThat(work.resolved).isEmpty();
    }

    @Test
    void comments_by_bots_without_the_command_or_on_issues_are_ignored() {
        String onPullRequest = WebhookClient.event("issue_comment_created");
        String[] ignored = {
            WebhookClient.event("issue_comment_created_by_bot"),
            onPullRequest.replace("Thanks! @truce resolve please", "LGTM, resolved the typo"),
            onPullRequest.replace("Thanks! @truce resolve please", "@trucey resolve"),
            onPullRequest.replaceFirst("\"pull_request\": \\{[^}]*\\},", ""),
        };

        for (String comment : ignored) {
            HttpResponse<String> response = github.send("issue_comment", comment);
            assertThat(response.body()).as(comment).startsWith("ignored");
        }
        assertThat(jobRows()).isZero();
        assertThat(work.calls()).isEmpty();
    }

    @Test
    void an_installation_is_recorded() {
        HttpResponse<String> response = github.send("installation", WebhookClient.event("installation_created"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(jdbc.queryForObject("select account_login from installations where installation_id = 42424242",
                String.class)).isEqualTo("octocat");
    }

    @Test
    void an_installation_queues_a_calibration_of_each_repository_it_adds_which_comes_back_a_week_later() {
        noCalibrations();
        HttpResponse<String> response = github.send("installation", WebhookClient.event("installation_created"));

        assertThat(response.body()).contains("queued: calibrate 1 repository");
        await(TIMEOUT, () -> work.calibrations.contains("octocat/Hello-World") && calibrationDue() != null
                && calibrationDue().isAfter(java.time.Instant.now().plus(Duration.ofDays(6))), "the calibration");
        jdbc.update("delete from scheduled_tasks where task_name = 'calibrate-repository'");
    }

    @Test
    void repositories_added_to_an_installation_are_calibrated() {
        noCalibrations();
        String added = "{\"action\": \"added\", \"installation\": {\"id\": 42424242, \"account\": {\"login\":"
                + " \"octocat\"}}, \"repository_selection\": \"selected\", \"repositories_added\": [{\"id\": 1,"
                + " \"name\": \"Spoon-Knife\", \"full_name\": \"octocat/Spoon-Knife\"}], \"repositories_removed\": []}";

        HttpResponse<String> response = github.send("installation_repositories", WebhookClient.anotherEvent(added));

        assertThat(response.body()).contains("queued: calibrate 1 repository");
        await(TIMEOUT, () -> work.calibrations.contains("octocat/Spoon-Knife"), "the calibration");
        jdbc.update("delete from scheduled_tasks where task_name = 'calibrate-repository'");
    }

    /** Other tests' resolves queue calibrations of their repository (due in a week): none here. */
    private void noCalibrations() {
        await(TIMEOUT, () -> jdbc.queryForObject("select count(*) from scheduled_tasks where task_name ="
                + " 'calibrate-repository' and picked = true", Integer.class) == 0, "running calibrations to finish");
        jdbc.update("delete from scheduled_tasks where task_name = 'calibrate-repository'");
        work.reset();
    }

    private java.time.Instant calibrationDue() {
        List<java.sql.Timestamp> due = jdbc.queryForList("select execution_time from scheduled_tasks where task_name"
                + " = 'calibrate-repository'", java.sql.Timestamp.class);
        return due.isEmpty() ? null : due.get(0).toInstant();
    }

    @Test
    void unknown_events_are_acknowledged_and_ignored() {
        HttpResponse<String> response = github.send("star", WebhookClient.anotherEvent("{\"action\": \"created\"}"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).startsWith("ignored");
        assertThat(jobRows()).isZero();
    }

    private int deliveryRows(String delivery) {
        return jdbc.queryForObject("select count(*) from webhook_deliveries where delivery_id = ?", Integer.class,
                delivery);
    }

}
