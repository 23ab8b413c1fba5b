package dev.truce.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;

/**
 * Jobs whose replica died while running them (kill -9, out of memory, a lost node). db-scheduler notices them by
 * missed heartbeats; a replica that starts again under the same name knows at once that the rows its name holds
 * are such jobs, and marks them so the scheduler's first check, at start-up, hands them to {@link Handler}.
 */
final class DeadJobs {

    private static final Logger log = LoggerFactory.getLogger(DeadJobs.class);

    private final DataSource dataSource;
    private final String schedulerName;

    DeadJobs(DataSource dataSource, String schedulerName) {
        this.dataSource = dataSource;
        this.schedulerName = schedulerName;
    }

    /**
     * Backdates the heartbeat of every job picked by this replica's name. Only safe before this replica's workers
     * start, and only because every replica has its own name: no live process holds these rows.
     */
    void markOwnRunningJobsDead() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update scheduled_tasks set last_heartbeat = ? where picked = ? and picked_by = ?")) {
            update.setTimestamp(1, Timestamp.from(Instant.EPOCH));
            update.setBoolean(2, true);
            update.setString(3, schedulerName);
            int rows = update.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (rows > 0) {
                log.warn("{} job(s) were running when this replica ({}) stopped last; they run again now", rows,
                        schedulerName);
            }
        } catch (SQLException e) {
            // Not fatal: the scheduler still finds them once their heartbeats are old enough.
            log.warn("Could not take back the jobs {} held before it restarted: {}", schedulerName, e.getMessage());
        }
    }

    /**
     * Hands the jobs this replica still holds back to the queue, due now, so any replica picks them at once instead
     * of waiting for missed heartbeats. The version is bumped so that a run of this replica that is still ending
     * cannot complete or reschedule a row another replica has picked since. Only at shutdown, once no worker of this
     * replica will pick anything again.
     *
     * @return how many jobs were released
     */
    int releaseOwnRunningJobs() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update scheduled_tasks set picked = ?, picked_by = null, last_heartbeat = null, execution_time = ?,"
                        + " version = version + 1 where picked = ? and picked_by = ?")) {
            update.setBoolean(1, false);
            update.setTimestamp(2, Timestamp.from(Instant.now()), java.util.Calendar.getInstance(
                    java.util.TimeZone.getTimeZone("UTC")));
            update.setBoolean(3, true);
            update.setString(4, schedulerName);
            int rows = update.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return rows;
        } catch (SQLException e) {
            // Not fatal: the jobs are taken back by this name's next start, or by another replica after heartbeats.
            log.warn("Could not release the jobs {} held at shutdown: {}", schedulerName, e.getMessage());
            return 0;
        }
    }

    /**
     * Runs a dead job again at once, unless it has already failed or died {@code maxRevivals} times: a job that
     * kills its process would otherwise take every replica down in turn.
     */
    static final class Handler<T> implements DeadExecutionHandler<T> {

        private final int maxRevivals;
        private final JobMetrics metrics;

        Handler(int maxRevivals, JobMetrics metrics) {
            this.maxRevivals = maxRevivals;
            this.metrics = metrics;
        }

        @Override
        public void deadExecution(ExecutionComplete complete, ExecutionOperations<T> operations) {
            Execution execution = complete.getExecution();
            String job = execution.getTaskName() + " " + execution.getId();
            if (execution.consecutiveFailures >= maxRevivals) {
                log.error("Job {} dropped: its replica stopped while running it, and it had already failed or died {}"
                        + " time(s) (truce.jobs.max-revivals {})", job, execution.consecutiveFailures, maxRevivals);
                metrics.dropped(execution.getTaskName(), "revivals_exhausted");
                operations.remove();
                return;
            }
            log.warn("Job {} was running on replica {} when it stopped; running it again ({} of at most {})", job,
                    execution.pickedBy, execution.consecutiveFailures + 1, maxRevivals);
            metrics.revived(execution.getTaskName());
            operations.reschedule(complete, Instant.now());
        }
    }
}
