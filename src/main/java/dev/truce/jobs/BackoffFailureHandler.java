package dev.truce.jobs;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;

/**
 * Retries a {@link RetryableJobFailure} with exponential backoff ({@code backoff}, then twice that, ...) up to
 * {@code maxRetries} times; drops anything else (a bug, or retries used up) with the reason in the log.
 */
final class BackoffFailureHandler<T> implements FailureHandler<T> {

    private static final Logger log = LoggerFactory.getLogger(BackoffFailureHandler.class);

    private final int maxRetries;
    private final Duration backoff;

    BackoffFailureHandler(int maxRetries, Duration backoff) {
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        String job = complete.getExecution().getTaskName() + " " + complete.getExecution().getId();
        Throwable cause = complete.getCause().orElse(null);
        int failuresBefore = complete.getExecution().consecutiveFailures;
        if (cause instanceof RetryableJobFailure && failuresBefore < maxRetries) {
            Duration delay = delayBeforeRetry(failuresBefore + 1);
            log.warn("Job {} failed ({}); retry {} of {} in {}", job, rootMessage(cause), failuresBefore + 1,
                    maxRetries, delay);
            operations.reschedule(complete, Instant.now().plus(delay));
        } else if (cause instanceof RetryableJobFailure) {
            log.error("Job {} dropped after {} retries: {}", job, maxRetries, rootMessage(cause));
            operations.remove();
        } else {
            log.error("Job {} dropped: it failed in a way retrying will not fix", job, cause);
            operations.remove();
        }
    }

    /** The delay before retry number {@code retry} (1-based): backoff × 2^(retry-1). */
    Duration delayBeforeRetry(int retry) {
        return backoff.multipliedBy(1L << Math.min(retry - 1, 20));
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
