package dev.truce.jobs;

import static dev.truce.testing.RecordingPullRequestWork.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.truce.github.GitHubException;
import dev.truce.github.RepoRef;
import dev.truce.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The recurring calibration job: one row per repository, due again an interval after each run, retried with the
 * queue's backoff when it fails, and never dropped for a failure (only when the repository is gone for the App).
 */
class CalibrationJobTest extends H2QueueTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final RepoRef REPO = new RepoRef(7, "octocat", "Hello-World");
    static final CalibrationSchedule WEEKLY = new CalibrationSchedule(true, Duration.ofDays(7));

    private DbSchedulerJobQueue queue(CalibrationSchedule calibration) {
        return new DbSchedulerJobQueue(database, work, new JobQueueSettings(JobQueueTest.FAST, 5, calibration),
                new SimpleMeterRegistry());
    }

    /** When the repository's calibration row is next due, or null when there is none. */
    private Instant due() {
        List<Timestamp> due = new JdbcTemplate(database).queryForList("select execution_time from scheduled_tasks"
                + " where task_name = ?", Timestamp.class, DbSchedulerJobQueue.CALIBRATE);
        assertThat(due).hasSizeLessThanOrEqualTo(1);
        return due.isEmpty() ? null : due.get(0).toInstant();
    }

    @Test
    void aCalibrationRunsAndComesBackAnIntervalLater() {
        DbSchedulerJobQueue queue = start(queue(WEEKLY));

        queue.calibrate(REPO);

        await(TIMEOUT, () -> work.calibrations.size() == 1 && due() != null
                && due().isAfter(Instant.now().plus(Duration.ofDays(6))), "the calibration to run and be rescheduled");
        assertThat(work.calibrations).containsExactly("octocat/Hello-World");
    }

    @Test
    void aRepositoryHasOneCalibrationRowWhateverItsCaseAndHowOftenItIsAsked() {
        DbSchedulerJobQueue queue = queue(WEEKLY);

        queue.calibrate(REPO);
        queue.calibrate(new RepoRef(7, "OctoCat", "hello-world"));
        queue.calibrate(REPO);

        assertThat(rows(database)).isOne();
    }

    @Test
    void anInstallationOfARepositoryWaitingForItsNextCalibrationMakesItDueNow() {
        List<Long> installations = new java.util.concurrent.CopyOnWriteArrayList<>();
        work.onCalibrate(repo -> installations.add(repo.installationId()));
        DbSchedulerJobQueue queue = start(queue(WEEKLY));
        queue.calibrate(REPO);
        await(TIMEOUT, () -> work.calibrations.size() == 1 && due() != null
                && due().isAfter(Instant.now().plus(Duration.ofDays(6))), "the first calibration");

        queue.calibrate(new RepoRef(8, "octocat", "Hello-World")); // installed again, under another installation

        await(TIMEOUT, () -> work.calibrations.size() == 2 && due() != null
                && due().isAfter(Instant.now().plus(Duration.ofDays(6))), "the calibration the installation asked for");
        assertThat(rows(database)).isOne();
        assertThat(installations).containsExactly(7L, 8L);
    }

    @Test
    void aRepositoryIsNeverCalibratedTwiceAtOnce() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        work.onCalibrate(repo -> {
            most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            running.countDown();
            try {
                release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
        });
        DbSchedulerJobQueue queue = start(queue(WEEKLY));
        queue.calibrate(REPO);
        assertThat(running.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // An installation event for the same repository while it is being calibrated (two workers are free).
        queue.calibrate(REPO);
        queue.calibrate(REPO);
        Thread.sleep(500);
        release.countDown();

        await(TIMEOUT, () -> concurrent.get() == 0 && due() != null && due().isAfter(Instant.now().plusSeconds(3600)),
                "the calibration to finish");
        assertThat(most).hasValue(1);
        assertThat(work.calibrations).hasSize(1);
    }

    @Test
    void aFailingCalibrationIsRetriedWithBackoffThenComesBackAtItsNextTimeInsteadOfBeingDropped() {
        AtomicInteger attempts = new AtomicInteger();
        work.onCalibrate(repo -> {
            attempts.incrementAndGet();
            throw new IOException("fetching octocat/Hello-World at depth 2000 failed: the fetch did not bring HEAD");
        });
        try (LogCapture log = LogCapture.of(RecurringFailureHandler.class)) {
            DbSchedulerJobQueue queue = start(queue(WEEKLY));

            queue.calibrate(REPO);

            // FAST allows 2 retries: 3 attempts, then the row waits for next week.
            await(TIMEOUT, () -> attempts.get() == 3 && due() != null
                    && due().isAfter(Instant.now().plus(Duration.ofDays(6))), "the retries, then the next week");
            assertThat(log.lines()).anySatisfy(m -> assertThat(m).contains("calibrate-repository",
                    "runs again in PT168H"));
        }
    }

    @Test
    void aRepositoryGoneForTheAppIsNoLongerCalibrated() {
        work.onCalibrate(repo -> {
            throw new GitHubException("HTTP 404: repository not found", false, null);
        });
        DbSchedulerJobQueue queue = start(queue(WEEKLY));

        queue.calibrate(REPO);

        await(TIMEOUT, () -> work.calibrations.size() == 1 && rows(database) == 0, "the row to go");
    }

    @Test
    void aResolvedPullRequestOfARepositoryNeverCalibratedQueuesItsCalibration() {
        DbSchedulerJobQueue queue = start(queue(WEEKLY));

        queue.resolve(JobQueueTest.request(1, "aaaa"));

        await(TIMEOUT, () -> work.calibrations.size() == 1 && due() != null, "the calibration after the resolve");
    }

    @Test
    void withCalibrationOffNothingIsQueued() {
        DbSchedulerJobQueue queue = start(queue(CalibrationSchedule.off()));

        queue.calibrate(REPO);
        queue.resolve(JobQueueTest.request(1, "aaaa"));

        await(TIMEOUT, () -> work.resolved.size() == 1 && rows(database) == 0, "the resolve");
        assertThat(work.calibrations).isEmpty();
    }
}
