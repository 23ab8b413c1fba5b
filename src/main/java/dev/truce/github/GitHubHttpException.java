package dev.truce.github;

/** A GitHub call answered with an HTTP error status; the status lets callers tell "gone" or "revoked" apart. */
final class GitHubHttpException extends GitHubException {

    private final int status;

    GitHubHttpException(String message, int status, Throwable cause) {
        super(message, GitHubErrors.isRetryableStatus(status), cause);
        this.status = status;
    }

    /** The HTTP status GitHub answered with. */
    int status() {
        return status;
    }

    /** Whether {@code e} is an HTTP error with this status. */
    static boolean hasStatus(GitHubException e, int status) {
        return e instanceof GitHubHttpException http && http.status == status;
    }
}
