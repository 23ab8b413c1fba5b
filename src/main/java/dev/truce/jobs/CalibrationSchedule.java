package dev.truce.jobs;

import java.time.Duration;

/**
 * When the queue calibrates each repository on its history ({@code truce.calibration.enabled} and
 * {@code interval}): after an installation, after a resolve of a repository it has not seen, and then every
 * {@code interval}.
 *
 * @param enabled  whether repositories are calibrated at all
 * @param interval how long after each run a repository's calibration is due again
 */
public record CalibrationSchedule(boolean enabled, Duration interval) {

    /** No calibrations (the interval is then unused). */
    public static CalibrationSchedule off() {
        return new CalibrationSchedule(false, Duration.ofDays(7));
    }
}
