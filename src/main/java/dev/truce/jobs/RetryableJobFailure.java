package dev.truce.jobs;

/** A job failed for a reason that may pass (rate limit, GitHub 5xx, network): the failure handler retries it. */
final class RetryableJobFailure extends RuntimeException {

    RetryableJobFailure(String job, Throwable cause) {
        super(job + " failed and will be retried: " + cause.getMessage(), cause);
    }
}
