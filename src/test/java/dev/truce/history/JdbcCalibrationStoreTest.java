package dev.truce.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.truce.strategy.ReceivingSide;
import dev.truce.testing.SharedDatabases;

/** Calibrations stored per repository, on H2 and on PostgreSQL. */
class JdbcCalibrationStoreTest {

    static Calibration calibration(boolean keepOurs) {
        List<dev.truce.eval.EvalCase> merges = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            merges.add(PrecedentsTest.merge("m" + i, 100L * i, keepOurs ? PrecedentsTest.OURS
                    : "name=app\nversion=2.0\nflag=on\nend=1\n"));
        }
        return new Calibrator().calibrate("o/r", merges, ReceivingSide.OURS, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void theLatestCalibrationOfARepositoryIsReadBackAsItWasLearned(String engine, SharedDatabases.Fresh fresh) {
        DataSource db = fresh.create();
        JdbcCalibrationStore store = new JdbcCalibrationStore(db);
        Calibration off = calibration(true);
        Calibration on = calibration(false);

        assertThat(store.find("o/r")).isEmpty();
        store.save("O/R", off, Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(store.find("o/r")).hasValueSatisfying(s -> {
            assertThat(s.calibration()).isEqualTo(off);
            assertThat(s.calibration().changes()).isEqualTo(off.changes()).isNotEmpty();
            assertThat(s.calibratedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        });

        store.save("o/r", on, Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(store.find("o/r")).hasValueSatisfying(s -> assertThat(s.calibration()).isEqualTo(on));
        assertThat(new JdbcTemplate(db).queryForObject("select count(*) from repository_calibrations", Integer.class))
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void aCalibrationThisVersionCannotReadCountsAsNone(String engine, SharedDatabases.Fresh fresh) {
        DataSource db = fresh.create();
        new JdbcTemplate(db).update("insert into repository_calibrations (repository, calibrated_at,"
                + " newest_merge_time, calibration) values ('o/r', current_timestamp, 0, '{\"strategies\": 7}')");

        assertThat(new JdbcCalibrationStore(db).find("o/r")).isEmpty();
    }
}
