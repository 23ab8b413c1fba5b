package dev.truce.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job workers (db-scheduler), bound from {@code truce.jobs.*}.
 *
 * @param pollInterval      how often each replica looks for due jobs (new jobs from this replica start at once)
 * @param threads           jobs run concurrently per replica
 * @param maxRetries        retries of a job that failed for a reason that may pass (rate limit, 5xx, network)
 * @param backoff           the first retry's delay; each further retry waits twice as long
 * @param heartbeatInterval how often a replica records that its running jobs are alive
 * @param missedHeartbeats  after this many missed heartbeats (at least 4) another replica takes a running job over
 *                          as dead: its replica stopped without finishing it
 * @param maxRevivals       a job found dead (its process died while running it) runs again unless it has already
 *                          failed or died this many times; then it is dropped with an error in the log, so a job
 *                          that kills its process cannot take the replicas down one after another
 * @param schedulerName     this replica's name in the job table (default: the host name); every replica needs
 *                          its own, because a replica that starts takes back the jobs its name still holds
 * @param shutdownGrace     on SIGTERM, how long running jobs may take to finish (no new ones start); those
 *                          still running then are interrupted and released, so another replica runs them at once
 */
public record JobSettings(
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("4") int threads,
        @DefaultValue("5") int maxRetries,
        @DefaultValue("30s") Duration backoff,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("6") int missedHeartbeats,
        @DefaultValue("2") int maxRevivals,
        String schedulerName,
        @DefaultValue("30s") Duration shutdownGrace) {

    /** Rejects settings the workers cannot run with, naming the property to fix. */
    @ConstructorBinding
    public JobSettings {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("truce.jobs.poll-interval must be positive, was " + pollInterval);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("truce.jobs.threads must be at least 1, was " + threads);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("truce.jobs.max-retries must not be negative, was " + maxRetries);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("truce.jobs.backoff must not be negative, was " + backoff);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("truce.jobs.heartbeat-interval must be positive, was "
                    + heartbeatInterval);
        }
        if (missedHeartbeats < 4) {
            throw new IllegalArgumentException("truce.jobs.missed-heartbeats must be at least 4 (db-scheduler's"
                    + " bound), was " + missedHeartbeats);
        }
        if (maxRevivals < 0) {
            throw new IllegalArgumentException("truce.jobs.max-revivals must not be negative, was " + maxRevivals);
        }
        if (schedulerName != null && (schedulerName.isBlank() || schedulerName.length() > 200)) {
            throw new IllegalArgumentException("truce.jobs.scheduler-name must be 1 to 200 characters, was \""
                    + schedulerName + "\"");
        }
        if (shutdownGrace == null) {
            shutdownGrace = Duration.ofSeconds(30);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("truce.jobs.shutdown-grace must not be negative, was "
                    + shutdownGrace);
        }
    }

    /** Worker settings with the default shutdown grace period. */
    public JobSettings(Duration pollInterval, int threads, int maxRetries, Duration backoff, Duration heartbeatInterval,
            int missedHeartbeats, int maxRevivals, String schedulerName) {
        this(pollInterval, threads, maxRetries, backoff, heartbeatInterval, missedHeartbeats, maxRevivals,
                schedulerName, Duration.ofSeconds(30));
    }

    /** Worker settings with the default heartbeats, revivals and name. */
    public JobSettings(Duration pollInterval, int threads, int maxRetries, Duration backoff) {
        this(pollInterval, threads, maxRetries, backoff, Duration.ofSeconds(10), 6, 2, null, Duration.ofSeconds(30));
    }
}
