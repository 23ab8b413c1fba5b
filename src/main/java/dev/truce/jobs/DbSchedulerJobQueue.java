package dev.truce.jobs;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.SchedulerState;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.truce.github.GitHubException;
import dev.truce.github.RepoRef;
import dev.truce.observe.LogContext;
import dev.truce.pullrequest.PullRequestWork;
import dev.truce.pullrequest.ResolveRequest;

/**
 * The job queue on db-scheduler: each job is a one-time task row in {@code scheduled_tasks} whose instance id is the
 * job's identity, so a job already waiting (or running) is not added twice. Rows survive restarts; on PostgreSQL
 * several replicas share the table safely (db-scheduler picks a row with an optimistic version check).
 *
 * <p>A job whose replica died while running it is run again: by this replica at once when it starts again under the
 * same name (it takes back the rows its name still holds), otherwise by any replica once the dead one missed its
 * heartbeats. A job that has failed or died {@code maxRevivals} times is dropped instead of revived.
 *
 * <p>Jobs are added with {@code insert ... on conflict do nothing} instead of db-scheduler's
 * {@code scheduleIfNotExists}: that one selects, inserts, and on a duplicate key selects again, and on PostgreSQL the
 * duplicate key aborts the caller's transaction (the webhook's), so the second select fails and the delivery gets a
 * 500. A statement that does nothing on a conflict cannot abort anything (PostgreSQL, and H2 in PostgreSQL mode, the
 * service's default). It writes the row db-scheduler 16's {@code JdbcTaskRepository.createIfNotExists} writes
 * (JobEnqueueTest compares the two).
 *
 * <p>On shutdown (SIGTERM) the queue stops after the web server stopped taking requests: this replica picks no new
 * job, running ones get {@code truce.jobs.shutdown-grace} to finish, and those still running then are interrupted
 * and released (due now, picked by nobody), so another replica runs them at once. Nothing is lost either way: a row
 * is only deleted when its job completed.
 *
 * <p>Every line a job logs carries its identity, delivery, repository and pull request ({@link LogContext}).
 */
final class DbSchedulerJobQueue implements JobQueue, SmartLifecycle {

    static final String RESOLVE = "resolve-pull-request";
    static final String COMMENT_REQUEST = "comment-request";
    static final String RECHECK_BRANCH = "recheck-branch";
    static final String CLOSE_FIX = "close-fix";
    static final String REPAIR_FIX = "repair-fix";
    static final String CALIBRATE = "calibrate-repository";

    private static final Logger log = LoggerFactory.getLogger(DbSchedulerJobQueue.class);
    private static final String INSERT_IF_ABSENT = "insert into scheduled_tasks (task_name, task_instance, task_data,"
            + " execution_time, picked, version) values (?, ?, ?, ?, ?, ?) on conflict do nothing";

    private final JdbcTemplate jdbc;
    private final JsonTaskSerializer serializer = new JsonTaskSerializer();

    private final PullRequestWork work;
    private final int maxPullRequestsPerPush;
    private final OneTimeTask<JobPayloads.Resolve> resolveTask;
    private final OneTimeTask<JobPayloads.CommentRequest> commentTask;
    private final OneTimeTask<JobPayloads.RecheckBranch> recheckTask;
    private final OneTimeTask<JobPayloads.CloseFix> closeFixTask;
    private final OneTimeTask<JobPayloads.RepairFix> repairFixTask;
    private final CustomTask<JobPayloads.Calibrate> calibrateTask;
    private final CalibrationSchedule calibration;
    private final Scheduler scheduler;
    private final DeadJobs deadJobs;
    private final JobMetrics metrics;
    private final Duration shutdownGrace;
    private final String name;
    private volatile boolean running;
    private volatile boolean releasing;

    DbSchedulerJobQueue(DataSource dataSource, PullRequestWork work, JobSettings settings,
            int maxPullRequestsPerPush) {
        this(dataSource, work, settings, maxPullRequestsPerPush, new SimpleMeterRegistry());
    }

    DbSchedulerJobQueue(DataSource dataSource, PullRequestWork work, JobSettings settings,
            int maxPullRequestsPerPush, MeterRegistry registry) {
        this(dataSource, work, new JobQueueSettings(settings, maxPullRequestsPerPush, CalibrationSchedule.off()),
                registry);
    }

    DbSchedulerJobQueue(DataSource dataSource, PullRequestWork work, JobQueueSettings queueSettings,
            MeterRegistry registry) {
        JobSettings settings = queueSettings.workers();
        int maxPullRequestsPerPush = queueSettings.maxPullRequestsPerPush();
        CalibrationSchedule calibration = queueSettings.calibration();
        this.calibration = calibration;
        this.jdbc = new JdbcTemplate(dataSource);
        this.work = work;
        this.maxPullRequestsPerPush = maxPullRequestsPerPush;
        this.metrics = new JobMetrics(registry, List.of(RESOLVE, COMMENT_REQUEST, RECHECK_BRANCH, CLOSE_FIX,
                REPAIR_FIX, CALIBRATE));
        this.shutdownGrace = settings.shutdownGrace();
        this.resolveTask = Tasks.oneTime(RESOLVE, JobPayloads.Resolve.class)
                .onFailure(failureHandler(settings))
                .onDeadExecution(new DeadJobs.Handler<>(settings.maxRevivals(), metrics))
                .execute((instance, context) -> run(RESOLVE, instance.getId(), instance.getData().delivery(),
                        instance.getData().request().repo(), instance.getData().request().number(),
                        () -> runResolve(instance.getData())));
        this.commentTask = Tasks.oneTime(COMMENT_REQUEST, JobPayloads.CommentRequest.class)
                .onFailure(failureHandler(settings))
                .onDeadExecution(new DeadJobs.Handler<>(settings.maxRevivals(), metrics))
                .execute((instance, context) -> run(COMMENT_REQUEST, instance.getId(), instance.getData().delivery(),
                        instance.getData().repo(), instance.getData().number(),
                        () -> runCommentRequest(instance.getData())));
        this.recheckTask = Tasks.oneTime(RECHECK_BRANCH, JobPayloads.RecheckBranch.class)
                .onFailure(failureHandler(settings))
                .onDeadExecution(new DeadJobs.Handler<>(settings.maxRevivals(), metrics))
                .execute((instance, context) -> run(RECHECK_BRANCH, instance.getId(), instance.getData().delivery(),
                        instance.getData().repo(), null, () -> runRecheck(instance.getData())));
        this.closeFixTask = Tasks.oneTime(CLOSE_FIX, JobPayloads.CloseFix.class)
                .onFailure(failureHandler(settings))
                .onDeadExecution(new DeadJobs.Handler<>(settings.maxRevivals(), metrics))
                .execute((instance, context) -> run(CLOSE_FIX, instance.getId(), instance.getData().delivery(),
                        instance.getData().repo(), instance.getData().number(),
                        () -> runCloseFix(instance.getData())));
        this.repairFixTask = Tasks.oneTime(REPAIR_FIX, JobPayloads.RepairFix.class)
                .onFailure(failureHandler(settings))
                .onDeadExecution(new DeadJobs.Handler<>(settings.maxRevivals(), metrics))
                .execute((instance, context) -> run(REPAIR_FIX, instance.getId(), instance.getData().delivery(),
                        instance.getData().repo(), null, () -> runRepairFix(instance.getData())));
        // Recurring, one row per repository: after each run (or once its retries are used up) the same row is due
        // again an interval later, so one repository is never calibrated twice at once, by any replica.
        this.calibrateTask = Tasks.custom(CALIBRATE, JobPayloads.Calibrate.class)
                .onFailure(new RecurringFailureHandler<>(settings.maxRetries(), calibration.interval(),
                        failureHandler(settings), metrics))
                .onDeadExecution(new DeadJobs.Handler<>(settings.maxRevivals(), metrics))
                .execute((instance, context) -> {
                    boolean[] again = {true};
                    run(CALIBRATE, instance.getId(), instance.getData().delivery(), instance.getData().repo(), null,
                            () -> again[0] = runCalibrate(instance.getData()));
                    return again[0] ? (complete, operations) -> operations.reschedule(complete,
                            Instant.now().plus(calibration.interval())) : new CompletionHandler.OnCompleteRemove<>();
                });
        List<Task<?>> tasks = List.of(resolveTask, commentTask, recheckTask, closeFixTask, repairFixTask,
                calibrateTask);
        this.name = settings.schedulerName() != null ? settings.schedulerName()
                : new SchedulerName.Hostname().getName();
        this.deadJobs = new DeadJobs(dataSource, name);
        this.scheduler = Scheduler.create(dataSource, tasks)
                .serializer(serializer)
                .pollingInterval(settings.pollInterval())
                .threads(settings.threads())
                .schedulerName(new SchedulerName.Fixed(name))
                // A bot answers in seconds: a replica that died is noticed within a minute, not db-scheduler's 30.
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC()
                // stop() has already waited shutdownGrace for running jobs: this bounds the wait after the interrupt.
                .shutdownMaxWait(STRAGGLER_WAIT)
                // BackoffFailureHandler logs each failure once, with what happens next.
                .failureLogging(LogLevel.DEBUG, false)
                .build();
        metrics.gauges(this, DbSchedulerJobQueue::waitingJobs, queue -> queue.scheduler.getCurrentlyExecuting()
                .size());
    }

    /** How long stop() waits for an interrupted job to end, twice at most (db-scheduler's shutdown). */
    private static final Duration STRAGGLER_WAIT = Duration.ofSeconds(2);

    private <T> BackoffFailureHandler<T> failureHandler(JobSettings settings) {
        return new BackoffFailureHandler<>(settings.maxRetries(), settings.backoff(), metrics, () -> releasing);
    }

    /** The underlying scheduler, for inspection. */
    Scheduler scheduler() {
        return scheduler;
    }

    /** Whether this replica's workers run: started, not stopping, not paused (the readiness health check). */
    SchedulerState state() {
        return scheduler.getSchedulerState();
    }

    /** One run of a job, timed, with the job's identity on every log line it writes. */
    private void run(String type, String id, String delivery, RepoRef repo, Integer number, Runnable job) {
        long start = System.nanoTime();
        boolean succeeded = false;
        try (LogContext.Scope scope = LogContext.job(type + " " + id, delivery, repo == null ? null
                : repo.fullName(), number)) {
            log.info("Started {} {}", type, id);
            try {
                job.run();
                succeeded = true;
            } finally {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                metrics.ran(type, succeeded, took);
                if (succeeded) {
                    log.info("Finished {} {} in {} ms", type, id, took.toMillis());
                }
            }
        }
    }

    /** Jobs due and picked by no replica; NaN when the database cannot say. */
    private double waitingJobs() {
        try {
            // Compared as db-scheduler writes it (alwaysPersistTimestampInUTC).
            Long count = jdbc.query("select count(*) from scheduled_tasks where picked = ? and execution_time <= ?",
                    statement -> {
                        statement.setBoolean(1, false);
                        statement.setTimestamp(2, Timestamp.from(Instant.now()),
                                Calendar.getInstance(TimeZone.getTimeZone("UTC")));
                    }, rows -> rows.next() ? rows.getLong(1) : null);
            return count == null ? Double.NaN : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void resolve(ResolveRequest request) {
        // The delivery in the log context (the webhook's, or the job's that queues this one) goes with the job.
        enqueue(resolveTask.instance(request.identity(), new JobPayloads.Resolve(request,
                LogContext.currentDelivery())), "resolve");
    }

    @Override
    public void commentRequest(RepoRef repo, int number, long commentId, String login) {
        enqueue(commentTask.instance(repo.fullName() + "#" + number + "/comment/" + commentId,
                new JobPayloads.CommentRequest(repo, number, commentId, login, LogContext.currentDelivery())),
                "comment request");
    }

    @Override
    public void recheckBranch(RepoRef repo, String branch) {
        // One waiting re-check per branch is enough: it reads the pull requests as they are when it runs.
        enqueue(recheckTask.instance(repo.fullName() + ":" + branch, new JobPayloads.RecheckBranch(repo, branch,
                LogContext.currentDelivery())), "re-check");
    }

    @Override
    public void closeFix(RepoRef repo, int number) {
        enqueue(closeFixTask.instance(repo.fullName() + "#" + number, new JobPayloads.CloseFix(repo, number,
                LogContext.currentDelivery())), "close fix");
    }

    @Override
    public void repairFix(RepoRef repo, String branch, String sha) {
        // Several failed checks of one commit arrive as several events: one waiting repair reads them all.
        enqueue(repairFixTask.instance(repo.fullName() + ":" + branch + "@" + sha, new JobPayloads.RepairFix(repo,
                branch, sha, LogContext.currentDelivery())), "repair of fix");
    }

    @Override
    public void calibrate(RepoRef repo) {
        if (!calibration.enabled()) {
            log.info("Not calibrating {}: truce.calibration.enabled is false", repo.fullName());
            return;
        }
        TaskInstance<JobPayloads.Calibrate> instance = calibrateTask.instance(calibrationId(repo),
                new JobPayloads.Calibrate(repo, LogContext.currentDelivery()));
        // The repository was (re)installed: a calibration waiting for its next interval is due now, with the
        // installation of this event; one running now is left to finish.
        int due = jdbc.update("update scheduled_tasks set execution_time = ?, task_data = ?, version = version + 1"
                + " where task_name = ? and task_instance = ? and picked = ?", statement -> {
                    statement.setTimestamp(1, Timestamp.from(Instant.now()),
                            Calendar.getInstance(TimeZone.getTimeZone("UTC")));
                    statement.setBytes(2, serializer.serialize(instance.getData()));
                    statement.setString(3, instance.getTaskName());
                    statement.setString(4, instance.getId());
                    statement.setBoolean(5, false);
                });
        if (due == 1) {
            log.info("Calibration {} is due now", instance.getId());
            scheduler.triggerCheckForDueExecutions();
            return;
        }
        enqueue(instance, "calibration");
    }

    /** One calibration row per repository, whatever the case GitHub spells it in. */
    private static String calibrationId(RepoRef repo) {
        return repo.fullName().toLowerCase(java.util.Locale.ROOT);
    }

    private void enqueue(TaskInstance<?> instance, String what) {
        if (!insertIfAbsent(instance, Instant.now())) {
            log.info("Already queued: {} {}", what, instance.getId());
            return;
        }
        log.info("Queued {} {}", what, instance.getId());
        metrics.queued(instance.getTaskName());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // Inside the webhook's transaction the row is invisible to the workers until commit: wake them then.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scheduler.triggerCheckForDueExecutions();
                }
            });
        } else {
            scheduler.triggerCheckForDueExecutions();
        }
    }

    /** Adds the task row unless one with the same task name and id exists; false when it did. */
    private boolean insertIfAbsent(TaskInstance<?> instance, Instant due) {
        // The columns and values of db-scheduler's own insert (priority only when priorities are enabled, which they are
        // not here); the timestamp as alwaysPersistTimestampInUTC writes it.
        int inserted = jdbc.update(INSERT_IF_ABSENT, statement -> {
            statement.setString(1, instance.getTaskName());
            statement.setString(2, instance.getId());
            statement.setBytes(3, serializer.serialize(instance.getData()));
            statement.setTimestamp(4, Timestamp.from(due), Calendar.getInstance(TimeZone.getTimeZone("UTC")));
            statement.setBoolean(5, false);
            statement.setLong(6, 1L);
        });
        return inserted == 1;
    }

    private void runResolve(JobPayloads.Resolve job) {
        String what = "resolve " + job.request().identity();
        try {
            work.resolve(job.request());
            // A repository the App was installed on before calibration existed (no installation event since) is
            // calibrated from its first pull request on; a no-op when its recurring calibration row exists.
            if (calibration.enabled() && insertIfAbsent(calibrateTask.instance(calibrationId(job.request().repo()),
                    new JobPayloads.Calibrate(job.request().repo(), LogContext.currentDelivery())), Instant.now())) {
                log.info("Queued calibration {}", calibrationId(job.request().repo()));
                metrics.queued(CALIBRATE);
            }
        } catch (GitHubException e) {
            failed(what, e);
        } catch (IOException e) {
            throw new RetryableJobFailure(what, e);
        }
    }

    private void runCommentRequest(JobPayloads.CommentRequest job) {
        String what = "comment request " + job.repo().fullName() + "#" + job.number() + " by " + job.login();
        try {
            if (work.acceptCommentRequest(job.repo(), job.number(), job.commentId(), job.login())) {
                resolve(new ResolveRequest(job.repo(), job.number(), null, null, ResolveRequest.Trigger.COMMENT,
                        job.login(), job.commentId()));
            } else {
                log.info("Declined {}: not allowed to trigger work", what);
            }
        } catch (GitHubException e) {
            failed(what, e);
        }
    }

    private void runRecheck(JobPayloads.RecheckBranch job) {
        String what = "re-check of pull requests into " + job.repo().fullName() + ":" + job.branch();
        try {
            work.recheckPullRequestsInto(job.repo(), job.branch(), maxPullRequestsPerPush, this::resolve);
        } catch (GitHubException e) {
            failed(what, e);
        }
    }

    private void runCloseFix(JobPayloads.CloseFix job) {
        String what = "close fix for " + job.repo().fullName() + "#" + job.number();
        try {
            work.closeFixFor(job.repo(), job.number());
        } catch (GitHubException e) {
            failed(what, e);
        }
    }

    private void runRepairFix(JobPayloads.RepairFix job) {
        String what = "repair of " + job.repo().fullName() + ":" + job.branch() + "@" + job.sha();
        try {
            work.repairFix(job.repo(), job.branch(), job.sha());
        } catch (GitHubException e) {
            failed(what, e);
        } catch (IOException e) {
            throw new RetryableJobFailure(what, e);
        }
    }

    /** Calibrates; false when the repository is gone for the App (no more calibrations), true to come back. */
    private boolean runCalibrate(JobPayloads.Calibrate job) {
        String what = "calibration of " + job.repo().fullName();
        try {
            work.calibrate(job.repo());
            return true;
        } catch (GitHubException e) {
            if (e.isRetryable()) {
                throw new RetryableJobFailure(what, e);
            }
            log.warn("Stopped calibrating {}: {}", job.repo().fullName(), e.getMessage());
            return false;
        } catch (IOException e) {
            throw new RetryableJobFailure(what, e);
        }
    }

    private static void failed(String what, GitHubException e) {
        if (e.isRetryable()) {
            throw new RetryableJobFailure(what, e);
        }
        log.warn("Dropped {}: {}", what, e.getMessage());
    }

    @Override
    public void start() {
        // Before the workers start: the jobs this replica's name still holds died with its previous process.
        deadJobs.markOwnRunningJobsDead();
        scheduler.start();
        running = true;
    }

    /**
     * Picks no new job, gives the running ones {@code shutdownGrace} to finish, then interrupts and releases those
     * left, so another replica runs them at once.
     */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        scheduler.pause();
        Instant deadline = Instant.now().plus(shutdownGrace);
        int left = scheduler.getCurrentlyExecuting().size();
        if (left > 0) {
            log.info("Shutting down: waiting up to {} for {} running job(s) to finish (truce.jobs.shutdown-grace)",
                    shutdownGrace, left);
        }
        while (left > 0 && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = scheduler.getCurrentlyExecuting().size();
        }
        // From here a failing job is being interrupted by the shutdown, not failing: it is released, not retried.
        releasing = left > 0;
        scheduler.stop();
        int released = deadJobs.releaseOwnRunningJobs();
        if (released > 0) {
            metrics.released(released);
            log.warn("{} job(s) still running after the shutdown grace period of {} were stopped and released: another"
                    + " replica (or this one when it starts again) runs them now", released, shutdownGrace);
        }
        running = false;
    }

    /**
     * Stops after the web server stopped taking requests (its graceful shutdown phase), so no webhook is accepted
     * while jobs drain, and starts after it.
     */
    @Override
    public int getPhase() {
        // Boot's graceful web server shutdown runs at DEFAULT_PHASE - 1024, its web server stop at DEFAULT_PHASE - 2048.
        return SmartLifecycle.DEFAULT_PHASE - 1025;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
