package dev.truce.repoconfig;

/** {@code .github/truce.yml} is not valid; the message says what to fix, for a comment on the pull request. */
public class RepoConfigException extends Exception {

    /** A problem with the file. */
    public RepoConfigException(String message) {
        super(message);
    }

    /** A problem with the file, found by the YAML parser. */
    public RepoConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
