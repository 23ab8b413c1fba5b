package dev.truce.jobs;

import static dev.truce.testing.RecordingPullRequestWork.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.truce.github.GitHubException;
import dev.truce.github.RepoRef;
import dev.truce.pullrequest.ResolveRequest;

/** The db-scheduler queue on a real H2 file database with the application's migrations. */
class JobQueueTest extends H2QueueTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final RepoRef REPO = new RepoRef(7, "octocat", "Hello-World");
    static final JobSettings FAST = new JobSettings(Duration.ofMillis(100), 2, 2,
            Duration.ofMillis(20));

    static ResolveRequest request(int number, String head) {
        return new ResolveRequest(REPO, number, head, "9049f1265b7d61be4a8904a9a27120d2064dab3b",
                ResolveRequest.Trigger.PULL_REQUEST_EVENT, null, 0);
    }

    @Test
    void a_queued_job_runs_and_its_row_is_removed() {
        DbSchedulerJobQueue queue = start(new DbSchedulerJobQueue(database, work, FAST, 5));

        queue.resolve(request(1, "aaaa"));

        await(TIMEOUT, () -> work.resolved.size() == 1 && rows(database) == 0, "the job to run");
        assertThat(work.resolved).containsExactly(request(1, "aaaa"));
    }

    @Test
    void a_job_with_the_identity_of_a_waiting_one_is_not_added() {
        DbSchedulerJobQueue queue = new DbSchedulerJobQueue(database, work, FAST, 5);

        queue.resolve(request(1, "aaaa"));
        queue.resolve(request(1, "aaaa"));
        queue.resolve(request(1, "bbbb"));

        assertThat(rows(database)).isEqualTo(2);
    }

    @Test
    void a_job_written_before_a_restart_runs_after_it() throws SQLException {
        DbSchedulerJobQueue before = new DbSchedulerJobQueue(database, work, FAST, 5);
        before.resolve(request(3, "cccc"));
        before.closeFix(REPO, 4);
        shutdown(database);

        DataSource reopened = h2File(dataDir);
        start(new DbSchedulerJobQueue(reopened, work, FAST, 5));

        await(TIMEOUT, () -> work.resolved.size() == 1 && work.closedFixes.size() == 1, "both jobs to run");
        assertThat(work.resolved).containsExactly(request(3, "cccc"));
        assertThat(work.closedFixes).containsExactly("octocat/Hello-World#4");
    }

    @Test
    void a_job_its_replica_was_running_when_it_was_killed_runs_again_as_soon_as_the_replica_restarts()
            throws SQLException {
        new DbSchedulerJobQueue(database, work, named("replica-a", 0), 5).resolve(request(3, "cccc"));
        // kill -9 while running: the row stays picked by replica-a with a recent heartbeat.
        pickedBy("replica-a", 0);

        // The heartbeats say "dead" only after 6 x 10 s; the restarted replica knows its own rows at once.
        start(new DbSchedulerJobQueue(database, work, named("replica-a", 2), 5));

        await(TIMEOUT, () -> work.resolved.size() == 1 && rows(database) == 0, "the job to run again");
        assertThat(work.resolved).containsExactly(request(3, "cccc"));
    }

    @Test
    void a_job_another_live_replica_is_running_is_not_taken_over() throws Exception {
        new DbSchedulerJobQueue(database, work, named("replica-b", 0), 5).resolve(request(3, "cccc"));
        pickedBy("replica-b", 0);

        start(new DbSchedulerJobQueue(database, work, named("replica-a", 2), 5));
        Thread.sleep(1500);

        assertThat(work.resolved).isEmpty();
        assertThat(rows(database)).isOne();
    }

    @Test
    void a_dead_job_that_already_failed_or_died_max_revivals_times_is_dropped_not_run() throws SQLException {
        new DbSchedulerJobQueue(database, work, named("replica-a", 0), 5).resolve(request(3, "cccc"));
        pickedBy("replica-a", 2);

        start(new DbSchedulerJobQueue(database, work, named("replica-a", 2), 5));

        await(TIMEOUT, () -> rows(database) == 0, "the job to be dropped");
        assertThat(work.resolved).isEmpty();
    }

    @Test
    void a_retryable_failure_is_retried_with_backoff_until_it_succeeds() {
        AtomicInteger attempts = new AtomicInteger();
        work.onResolve(request -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new GitHubException("HTTP 502 from GitHub", true, null);
            }
        });
        DbSchedulerJobQueue queue = start(new DbSchedulerJobQueue(database, work, FAST, 5));

        queue.resolve(request(5, "dddd"));

        await(TIMEOUT, () -> attempts.get() == 3 && rows(database) == 0, "the third attempt to succeed");
        assertThat(work.resolved).hasSize(3);
    }

    @Test
    void an_io_failure_is_retried_up_to_max_retries_then_dropped() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        work.onResolve(request -> {
            attempts.incrementAndGet();
            throw new IOException("connection reset");
        });
        DbSchedulerJobQueue queue = start(new DbSchedulerJobQueue(database, work, FAST, 5));

        queue.resolve(request(6, "eeee"));

        // One attempt and two retries (max-retries 2), then the row is removed: nothing runs it again.
        await(TIMEOUT, () -> attempts.get() == 3 && rows(database) == 0, "the retries to be used up");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void a_failure_retrying_cannot_fix_is_dropped_at_once() {
        AtomicInteger attempts = new AtomicInteger();
        work.onResolve(request -> {
            attempts.incrementAndGet();
            throw new GitHubException("HTTP 404: repository not found", false, null);
        });
        DbSchedulerJobQueue queue = start(new DbSchedulerJobQueue(database, work, FAST, 5));

        queue.resolve(request(7, "ffff"));

        await(TIMEOUT, () -> attempts.get() == 1 && rows(database) == 0, "the job to be dropped");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void backoff_doubles_with_each_retry() {
        BackoffFailureHandler<Object> handler = new BackoffFailureHandler<>(5, Duration.ofSeconds(30));

        assertThat(handler.delayBeforeRetry(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(handler.delayBeforeRetry(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(handler.delayBeforeRetry(4)).isEqualTo(Duration.ofSeconds(240));
    }

    @Test
    void an_accepted_comment_request_becomes_a_resolve_with_the_comment_trigger() {
        DbSchedulerJobQueue queue = start(new DbSchedulerJobQueue(database, work, FAST, 5));

        queue.commentRequest(REPO, 8, 99L, "hubot");

        await(TIMEOUT, () -> work.resolved.size() == 1, "the resolve the comment asked for");
        assertThat(work.resolved).containsExactly(
                new ResolveRequest(REPO, 8, null, null, ResolveRequest.Trigger.COMMENT, "hubot", 99L));
    }

    @Test
    void a_recheck_asks_for_at_most_the_configured_number_of_pull_requests() {
        work.openPullRequests(1, 2);
        DbSchedulerJobQueue queue = start(new DbSchedulerJobQueue(database, work, FAST, 3));

        queue.recheckBranch(REPO, "main");

        await(TIMEOUT, () -> work.resolved.size() == 2, "a resolve per open pull request");
        assertThat(work.rechecks).containsExactly("octocat/Hello-World:main max 3");
    }

    /** Fast polling, heartbeats every 10 s (dead after a minute), the given name and revival cap. */
    static JobSettings named(String name, int maxRevivals) {
        return new JobSettings(Duration.ofMillis(100), 2, 2, Duration.ofMillis(20), Duration.ofSeconds(10), 6,
                maxRevivals, name);
    }

    /** Marks every job as running on {@code replica}, heartbeat now, after {@code failures} failures. */
    private void pickedBy(String replica, int failures) throws SQLException {
        try (Connection connection = database.getConnection(); java.sql.PreparedStatement update = connection
                .prepareStatement("update scheduled_tasks set picked = true, picked_by = ?, last_heartbeat = ?,"
                        + " consecutive_failures = ?, version = version + 1")) {
            update.setString(1, replica);
            update.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.now()));
            update.setInt(3, failures);
            assertThat(update.executeUpdate()).isOne();
        }
    }
}
