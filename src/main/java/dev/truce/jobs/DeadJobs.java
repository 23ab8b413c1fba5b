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
     * Runs a dead job again at once, unless it has already failed or died {@code maxRevivals} times: a job that
     * kills its process would otherwise take every replica down in turn.
     */
    static final class Handler<T> implements DeadExecutionHandler<T> {

        private final int maxRevivals;

        Handler(int maxRevivals) {
            this.maxRevivals = maxRevivals;
        }

        @Override
        public void deadExecution(ExecutionComplete complete, ExecutionOperations<T> operations) {
            Execution execution = complete.getExecution();
            String job = execution.getTaskName() + " " + execution.getId();
            if (execution.consecutiveFailures >= maxRevivals) {
                log.error("Job {} dropped: its replica stopped while running it, and it had already failed or died {}"
                        + " time(s) (truce.jobs.max-revivals {})", job, execution.consecutiveFailures, maxRevivals);
                operations.remove();
                return;
            }
            log.warn("Job {} was running on replica {} when it stopped; running it again ({} of at most {})", job,
                    execution.pickedBy, execution.consecutiveFailures + 1, maxRevivals);
            operations.reschedule(complete, Instant.now());
        }
    }
}
