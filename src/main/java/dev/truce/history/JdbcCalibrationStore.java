package dev.truce.history;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;


/**
 * The latest calibration of each repository, in the {@code repository_calibrations} table (Flyway V6), shared by
 * every replica: a calibration replaces the repository's earlier one. Repositories are keyed {@code owner/name} in
 * lower case, as GitHub compares them.
 */
public final class JdbcCalibrationStore {

    private final JdbcTemplate jdbc;

    /**
     * A stored calibration.
     *
     * @param calibration  what was learned
     * @param calibratedAt when it was stored
     */
    public record Stored(Calibration calibration, Instant calibratedAt) {
    }

    /** The store in {@code dataSource}'s {@code repository_calibrations} table. */
    public JdbcCalibrationStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Stores {@code calibration} as {@code repository}'s latest, replacing the one before. */
    public void save(String repository, Calibration calibration, Instant at) {
        String key = key(repository);
        String json = calibration.toJson();
        // Update, else insert: both engines (H2, PostgreSQL) run it; a replica racing here loses to the primary key.
        int updated = jdbc.update("update repository_calibrations set calibrated_at = ?, newest_merge_time = ?,"
                + " calibration = ? where repository = ?", Timestamp.from(at), calibration.newestMergeTime(), json, key);
        if (updated == 0) {
            jdbc.update("insert into repository_calibrations (repository, calibrated_at, newest_merge_time,"
                    + " calibration) values (?, ?, ?, ?)", key, Timestamp.from(at), calibration.newestMergeTime(), json);
        }
    }

    /**
     * The latest calibration of {@code repository}, or empty when it has none or the stored one can no longer be
     * read (written by another version of Truce): then the default chain decides until the next calibration.
     */
    public Optional<Stored> find(String repository) {
        List<Stored> rows = jdbc.query("select calibration, calibrated_at from repository_calibrations where"
                + " repository = ?", (rs, n) -> {
                    try {
                        return new Stored(Calibration.fromJson(rs.getString(1)), rs.getTimestamp(2).toInstant());
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }, key(repository));
        return rows.stream().filter(java.util.Objects::nonNull).findFirst();
    }

    private static String key(String repository) {
        if (repository == null || repository.isBlank() || repository.length() > 200) {
            throw new IllegalArgumentException("a repository is owner/name, at most 200 characters, not "
                    + repository);
        }
        return repository.toLowerCase(Locale.ROOT);
    }
}
