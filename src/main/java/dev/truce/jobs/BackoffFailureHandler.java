package dev.truce.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;

/**
 * Retries a {@link RetryableJobFailure} with exponential backoff ({@code backoff}, then twice that, ...) up to
 * {@code maxRetries} times; drops anything else (a bug, or retries used up) with the reason in the log. A job that
 * fails while the replica is releasing its jobs at shutdown (it was interrupted) is left picked: the release hands
 * it to another replica at once, without counting a failure.
 */
final class BackoffFailureHandler<T> implements FailureHandler<T> {

    private static final Logger log = LoggerFactory.getLogger(BackoffFailureHandler.class);

    private final int maxRetries;
    private final Duration backoff;
    private final JobMetrics metrics;
    private final BooleanSupplier releasing;

    BackoffFailureHandler(int maxRetries, Duration backoff) {
        this(maxRetries, backoff, new JobMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
                () -> false);
    }

    BackoffFailureHandler(int maxRetries, Duration backoff, JobMetrics metrics, BooleanSupplier releasing) {
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.metrics = metrics;
        this.releasing = releasing;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        String job = complete.getExecution().getTaskName() + " " + complete.getExecution().getId();
        Throwable cause = complete.getCause().orElse(null);
        int failuresBefore = complete.getExecution().consecutiveFailures;
        String type = complete.getExecution().getTaskName();
        if (releasing.getAsBoolean()) {
            log.info("Job {} stopped by the shutdown ({}); it is released to the other replicas", job,
                    cause == null ? "no cause" : rootMessage(cause));
            return;
        }
        if (cause instanceof RetryableJobFailure && failuresBefore < maxRetries) {
            metrics.retried(type);
            Duration delay = delayBeforeRetry(failuresBefore + 1);
            log.warn("Job {} failed ({}); retry {} of {} in {}", job, rootMessage(cause), failuresBefore + 1,
                    maxRetries, delay);
            operations.reschedule(complete, Instant.now().plus(delay));
        } else if (cause instanceof RetryableJobFailure) {
            log.error("Job {} dropped after {} retries: {}", job, maxRetries, rootMessage(cause));
            metrics.dropped(type, "retries_exhausted");
            operations.remove();
        } else {
            log.error("Job {} dropped: it failed in a way retrying will not fix", job, cause);
            metrics.dropped(type, "failed");
            operations.remove();
        }
    }

    /** Whether the replica is releasing its jobs at shutdown (a failure now is an interruption). */
    boolean releasing() {
        return releasing.getAsBoolean();
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
