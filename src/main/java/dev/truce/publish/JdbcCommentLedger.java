package dev.truce.publish;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@link CommentLedger} in the {@code comment_ledger} table, shared by every replica on the database: the
 * primary key decides which replica posts a comment, so it is posted once however many replicas retry the job.
 */
public final class JdbcCommentLedger implements CommentLedger {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    /** The ledger in {@code dataSource}'s {@code comment_ledger} table (created by the Flyway migrations). */
    public JdbcCommentLedger(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    @Override
    public boolean firstTime(String key) {
        try {
            jdbc.update("insert into comment_ledger (comment_key, recorded_at) values (?, ?)", key,
                    Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public void forget(String key) {
        jdbc.update("delete from comment_ledger where comment_key = ?", key);
    }

    /**
     * Deletes keys recorded before {@code cutoff}, so the table stays small; a job that old is not retried.
     *
     * @return how many keys were deleted
     */
    public int forgetRecordedBefore(Instant cutoff) {
        return jdbc.update("delete from comment_ledger where recorded_at < ?", Timestamp.from(cutoff));
    }
}
