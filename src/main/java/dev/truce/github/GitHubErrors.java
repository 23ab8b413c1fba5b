package dev.truce.github;

import java.io.FileNotFoundException;
import java.io.IOException;

import org.kohsuke.github.HttpException;

/** Turns hub4j's exceptions into {@link GitHubException}s that say whether retrying may help. */
final class GitHubErrors {

    private GitHubErrors() {
    }

    /** 5xx and 429 may pass; 401, 403 (not a rate limit), 404 and 422 will not. */
    static boolean isRetryableStatus(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /** The failure of {@code what}; rate limits that outlast the wait and network errors are retryable. */
    static GitHubException map(String what, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TokenUnavailableException unavailable) {
                return unavailable.failure();
            }
            if (t instanceof RateLimitWait.RateLimitedException) {
                return new GitHubException(what + ": " + t.getMessage(), true, e);
            }
        }
        if (e instanceof HttpException http && http.getResponseCode() > 0) {
            int status = http.getResponseCode();
            return new GitHubHttpException(what + " failed: HTTP " + status, status, e);
        }
        if (e instanceof FileNotFoundException) {
            return new GitHubHttpException(what + " failed: HTTP 404 Not Found", 404, e);
        }
        // No status: the connection failed, timed out, or hub4j ran out of retries.
        return new GitHubException(what + " failed: " + e, true, e);
    }

    /** Carries a token failure through hub4j's authorization provider, which may only throw IOException. */
    static final class TokenUnavailableException extends IOException {
        private final transient GitHubException failure;

        TokenUnavailableException(GitHubException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        GitHubException failure() {
            return failure;
        }
    }
}
