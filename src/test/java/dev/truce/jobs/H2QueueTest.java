package dev.truce.jobs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.testing.RecordingPullRequestWork;

/**
 * The queue's tests on a real H2 file database: migrated with the application's migrations before each test, and
 * after it every queue the test started stopped and the database shut down (the next test's file is a new one).
 */
abstract class H2QueueTest {

    @TempDir
    Path dataDir;

    final RecordingPullRequestWork work = new RecordingPullRequestWork();
    DataSource database;
    private final List<DbSchedulerJobQueue> started = new ArrayList<>();

    @BeforeEach
    void migrate() {
        database = h2File(dataDir);
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    }

    @AfterEach
    void stopAll() throws SQLException {
        started.forEach(DbSchedulerJobQueue::stop);
        shutdown(h2File(dataDir));
    }

    /** Starts {@code queue}, to be stopped after the test. */
    DbSchedulerJobQueue start(DbSchedulerJobQueue queue) {
        queue.start();
        started.add(queue);
        return queue;
    }

    /** How many rows the job table has. */
    static int rows(DataSource database) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select count(*) from scheduled_tasks")) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static DataSource h2File(Path dir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("truce").toAbsolutePath() + ";MODE=PostgreSQL;AUTO_SERVER=FALSE"
                // Kept open between connections (each would otherwise reopen the file); tests shut it down.
                + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    static void shutdown(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("shutdown");
        }
    }
}
