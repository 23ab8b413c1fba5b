package dev.truce.jobs;

/**
 * Everything the job queue takes from the App's settings, so that it depends on no configuration class of the
 * server's: the workers, how many pull requests one push re-checks, and the calibration schedule.
 *
 * @param workers                the workers ({@code truce.jobs.*})
 * @param maxPullRequestsPerPush the most open pull requests one push to a base branch queues a re-check of
 *                               ({@code truce.limits.max-pull-requests-per-push})
 * @param calibration            when repositories are calibrated ({@code truce.calibration.*})
 */
public record JobQueueSettings(JobSettings workers, int maxPullRequestsPerPush, CalibrationSchedule calibration) {
}
