package dev.truce.jobs;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The job queue's meters (Prometheus names in docs/operations.md): jobs added, waiting, running, and how each run
 * ended, with its duration. {@code type} is the task: {@code resolve-pull-request}, {@code comment-request},
 * {@code recheck-branch}, {@code close-fix}.
 */
final class JobMetrics {

    static final String QUEUED = "truce.jobs.queued";
    static final String WAITING = "truce.jobs.waiting";
    static final String RUNNING = "truce.jobs.running";
    static final String RUNS = "truce.jobs.runs";
    static final String RETRIES = "truce.jobs.retries";
    static final String DROPPED = "truce.jobs.dropped";
    static final String REVIVED = "truce.jobs.revived";
    static final String RELEASED = "truce.jobs.released";

    private final MeterRegistry registry;

    /** Registers every counter at zero, so rates and alerts work before the first event of each kind. */
    JobMetrics(MeterRegistry registry, java.util.Collection<String> types) {
        this.registry = registry;
        for (String type : types) {
            Counter.builder(QUEUED).description("Jobs added to the queue").tag("type", type).register(registry);
            Counter.builder(RETRIES).description("Failed jobs rescheduled with backoff").tag("type", type)
                    .register(registry);
            Counter.builder(REVIVED).description("Jobs run again after their replica died").tag("type", type)
                    .register(registry);
            for (String reason : java.util.List.of("failed", "retries_exhausted", "revivals_exhausted")) {
                Counter.builder(DROPPED).description("Jobs given up on, by reason").tag("type", type)
                        .tag("reason", reason).register(registry);
            }
        }
        Counter.builder(RELEASED).description("Jobs released at shutdown for another replica").register(registry);
    }

    JobMetrics(MeterRegistry registry) {
        this(registry, java.util.List.of());
    }

    /**
     * Registers the gauges: jobs due and not picked by any replica (the table's, the same on every replica), and
     * the jobs this replica is running.
     */
    <T> void gauges(T source, ToDoubleFunction<T> waiting, ToDoubleFunction<T> running) {
        Gauge.builder(WAITING, source, waiting).description("Jobs due and not yet picked by any replica")
                .register(registry);
        Gauge.builder(RUNNING, source, running).description("Jobs this replica is running").register(registry);
    }

    /** A new job was added (a repeat of a waiting one is not). */
    void queued(String type) {
        Counter.builder(QUEUED).description("Jobs added to the queue").tag("type", type).register(registry)
                .increment();
    }

    /**
     * One run ended.
     *
     * @param succeeded false when it threw: a retry, a drop or a release follows, counted on its own
     */
    void ran(String type, boolean succeeded, Duration took) {
        Timer.builder(RUNS).description("Job runs by type and outcome, with their duration").tag("type", type)
                .tag("outcome", succeeded ? "succeeded" : "failed").register(registry).record(took);
    }

    /** A failed job will run again after its backoff. */
    void retried(String type) {
        Counter.builder(RETRIES).description("Failed jobs rescheduled with backoff").tag("type", type)
                .register(registry).increment();
    }

    /**
     * A job was given up on.
     *
     * @param reason {@code failed} (retrying will not help), {@code retries_exhausted}, {@code revivals_exhausted}
     */
    void dropped(String type, String reason) {
        Counter.builder(DROPPED).description("Jobs given up on, by reason").tag("type", type).tag("reason", reason)
                .register(registry).increment();
    }

    /** A job whose replica died while running it runs again. */
    void revived(String type) {
        Counter.builder(REVIVED).description("Jobs run again after their replica died").tag("type", type)
                .register(registry).increment();
    }

    /** Jobs still running at the end of the shutdown grace period, handed back to the queue for other replicas. */
    void released(int jobs) {
        Counter.builder(RELEASED).description("Jobs released at shutdown for another replica").register(registry)
                .increment(jobs);
    }
}
