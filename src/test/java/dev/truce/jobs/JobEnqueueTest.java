package dev.truce.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.truce.pullrequest.ResolveRequest;
import dev.truce.testing.RecordingPullRequestWork;
import dev.truce.testing.SharedDatabases;

/**
 * Adding a job inside the webhook's transaction, on both engines: the row is the one db-scheduler writes itself, and a
 * job another transaction is adding at the same moment leaves this transaction usable.
 */
class JobEnqueueTest {

    private final RecordingPullRequestWork work = new RecordingPullRequestWork();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void the_row_is_the_one_db_scheduler_writes(String engine, SharedDatabases.Fresh fresh) {
        DataSource database = fresh.create();
        DbSchedulerJobQueue queue = new DbSchedulerJobQueue(database, work, JobQueueTest.FAST, 5);
        ResolveRequest ours = JobQueueTest.request(1, "aaaa");
        ResolveRequest theirs = JobQueueTest.request(2, "bbbb");

        queue.resolve(ours);
        queue.scheduler().scheduleIfNotExists(Tasks.oneTime(DbSchedulerJobQueue.RESOLVE, JobPayloads.Resolve.class)
                .execute((instance, context) -> { }).instance(theirs.identity(), new JobPayloads.Resolve(theirs)),
                Instant.now());

        JdbcTemplate jdbc = new JdbcTemplate(database);
        String columns = "select picked, picked_by, last_success, last_failure, consecutive_failures,"
                + " last_heartbeat, version, priority from scheduled_tasks where task_instance = ?";
        Map<String, Object> ourRow = jdbc.queryForMap(columns, ours.identity());
        Map<String, Object> theirRow = jdbc.queryForMap(columns, theirs.identity());
        assertThat(ourRow).isEqualTo(theirRow);
        String due = "select execution_time from scheduled_tasks where task_instance = ?";
        assertThat(jdbc.queryForObject(due, OffsetDateTime.class, ours.identity()).toInstant())
                .isCloseTo(jdbc.queryForObject(due, OffsetDateTime.class, theirs.identity()).toInstant(),
                        within(Duration.ofSeconds(5)));
        // Both rows read back through db-scheduler as the request they were written for.
        assertThat(queue.scheduler().getScheduledExecutionsForTask(DbSchedulerJobQueue.RESOLVE,
                JobPayloads.Resolve.class)).extracting(execution -> execution.getData().request())
                .containsExactlyInAnyOrder(ours, theirs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void a_job_another_transaction_is_adding_leaves_this_transaction_usable(String engine,
            SharedDatabases.Fresh fresh) throws Exception {
        DataSource database = fresh.create();
        // As JobsConfiguration wires it: the queue writes through the caller's transaction.
        DbSchedulerJobQueue queue = new DbSchedulerJobQueue(new TransactionAwareDataSourceProxy(database), work,
                JobQueueTest.FAST, 5);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));
        ResolveRequest request = JobQueueTest.request(3, "cccc");
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            queue.resolve(request);
            firstInserted.countDown();
            await(commitFirst);
        }));
        assertThat(firstInserted.await(20, TimeUnit.SECONDS)).as("first insert").isTrue();
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
            queue.resolve(request);
            // The webhook goes on using its transaction after the job; on PostgreSQL an aborted one fails here.
            return new JdbcTemplate(database).queryForObject("select count(*) from scheduled_tasks", Integer.class);
        }));
        waitUntilTheSecondInsertWaits(engine, database);
        commitFirst.countDown();

        first.get(20, TimeUnit.SECONDS);
        assertThat(second.get(20, TimeUnit.SECONDS)).isOne();
        assertThat(H2QueueTest.rows(database)).isOne();
    }

    /** The second transaction's insert must meet the first's uncommitted row, not a committed one. */
    private static void waitUntilTheSecondInsertWaits(String engine, DataSource database) {
        String waiting = engine.equals("PostgreSQL")
                ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                        + " and query like 'insert into scheduled_tasks%'"
                // H2 shows no lock wait, only the statement still running (it waits inside it).
                : "select count(*) from information_schema.sessions"
                        + " where executing_statement like 'insert into scheduled_tasks%'";
        JdbcTemplate jdbc = new JdbcTemplate(database);
        RecordingPullRequestWork.await(Duration.ofSeconds(20), () -> jdbc.queryForObject(waiting, Integer.class) > 0,
                "the second insert to wait for the first");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
