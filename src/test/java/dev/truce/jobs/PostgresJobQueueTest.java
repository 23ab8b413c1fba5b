package dev.truce.jobs;

import static dev.truce.testing.RecordingPullRequestWork.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.truce.pullrequest.ResolveRequest;
import dev.truce.testing.RecordingPullRequestWork;
import dev.truce.testing.SharedPostgres;

/** The same migrations and queue on a real PostgreSQL server, with two replicas sharing the table. */
class PostgresJobQueueTest {

    private static DataSource database;

    @BeforeAll
    static void migrate() {
        database = SharedPostgres.dataSource(SharedPostgres.newDatabase());
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    }

    @Test
    void two_replicas_run_each_job_exactly_once_and_repeats_collapse() {
        RecordingPullRequestWork work = new RecordingPullRequestWork();
        // Each replica has its own name, as docs/github-app.md requires: a replica that starts takes back the running
        // jobs its name still holds, so two under one name would run a job the other had just picked up again.
        DbSchedulerJobQueue first = new DbSchedulerJobQueue(database, work, JobQueueTest.named("replica-a", 2), 5);
        DbSchedulerJobQueue second = new DbSchedulerJobQueue(database, work, JobQueueTest.named("replica-b", 2), 5);
        List<ResolveRequest> requests = new ArrayList<>();
        for (int number = 1; number <= 20; number++) {
            requests.add(JobQueueTest.request(number, "abcdef" + number));
        }
        requests.forEach(first::resolve);
        requests.forEach(second::resolve);
        assertThat(H2QueueTest.rows(database)).isEqualTo(20);

        first.start();
        second.start();
        try {
            await(Duration.ofSeconds(15), () -> H2QueueTest.rows(database) == 0, "all jobs to run");
        } finally {
            first.stop();
            second.stop();
        }

        assertThat(work.resolved).hasSize(20).containsExactlyInAnyOrderElementsOf(requests);
    }
}
