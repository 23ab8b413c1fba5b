package dev.truce.jobs;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;

/**
 * For a recurring job (a repository's calibration): a failure that may pass is retried with the queue's backoff; once
 * the retries are used up, or for a failure retrying will not fix (a bug, a history that cannot be read), the job is
 * logged and comes back at its next regular time instead of being dropped. Nothing it failed to do is stored, so the
 * repository keeps what it had.
 */
final class RecurringFailureHandler<T> implements FailureHandler<T> {

    private static final Logger log = LoggerFactory.getLogger(RecurringFailureHandler.class);

    private final int maxRetries;
    private final Duration interval;
    private final BackoffFailureHandler<T> retries;
    private final JobMetrics metrics;

    RecurringFailureHandler(int maxRetries, Duration interval, BackoffFailureHandler<T> retries, JobMetrics metrics) {
        this.maxRetries = maxRetries;
        this.interval = interval;
        this.retries = retries;
        this.metrics = metrics;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        Throwable cause = complete.getCause().orElse(null);
        if (retries.releasing() || cause instanceof RetryableJobFailure
                && complete.getExecution().consecutiveFailures < maxRetries) {
            retries.onFailure(complete, operations);
            return;
        }
        String job = complete.getExecution().getTaskName() + " " + complete.getExecution().getId();
        String type = complete.getExecution().getTaskName();
        if (cause instanceof RetryableJobFailure) {
            log.error("Job {} failed {} times ({}); it runs again in {}", job, maxRetries + 1, cause.getMessage(),
                    interval);
            metrics.dropped(type, "retries_exhausted");
        } else {
            log.error("Job {} failed in a way retrying will not fix; it runs again in {}", job, interval, cause);
            metrics.dropped(type, "failed");
        }
        operations.reschedule(complete, Instant.now().plus(interval));
    }
}
