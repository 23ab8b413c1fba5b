package dev.truce.github;

import java.util.Locale;
import java.util.Objects;

/**
 * A check run as Truce reports it on a commit (GitHub's Checks API): in progress while Truce works, then completed
 * with a conclusion and a Markdown summary.
 *
 * @param name       what the pull request's checks list shows ({@code Truce})
 * @param status     where the work is
 * @param conclusion how it ended, for {@link Status#COMPLETED}; {@code null} before
 * @param title      one line under the name
 * @param summary    Markdown, at most {@link #MAX_SUMMARY} characters (GitHub's limit)
 * @param detailsUrl where the details are (the fix pull request), or {@code null}
 */
public record CheckRun(String name, Status status, Conclusion conclusion, String title, String summary,
        String detailsUrl) {

    /** GitHub rejects a check run's summary above 65,535 characters. */
    public static final int MAX_SUMMARY = 65_535;

    /** Where the work is. */
    public enum Status {
        IN_PROGRESS, COMPLETED;

        /** The API's value. */
        public String api() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How it ended. */
    public enum Conclusion {
        /** The work is done and needs nothing of anyone. */
        SUCCESS,
        /** Done; what it found is for people to read, neither good nor bad. */
        NEUTRAL,
        /** People have to do something: review a fix, resolve a hunk. */
        ACTION_REQUIRED,
        /** Truce could not finish. */
        FAILURE;

        /** The API's value. */
        public String api() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CheckRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        if ((status == Status.COMPLETED) != (conclusion != null)) {
            throw new IllegalArgumentException("a check run has a conclusion exactly when it is completed");
        }
        if (summary != null && summary.length() > MAX_SUMMARY) {
            summary = summary.substring(0, MAX_SUMMARY - 40) + "\n\n… (cut at GitHub's limit)\n";
        }
    }

    /** A check run in progress. */
    public static CheckRun inProgress(String name, String title, String summary) {
        return new CheckRun(name, Status.IN_PROGRESS, null, title, summary, null);
    }

    /** A completed check run. */
    public static CheckRun completed(String name, Conclusion conclusion, String title, String summary,
            String detailsUrl) {
        return new CheckRun(name, Status.COMPLETED, conclusion, title, summary, detailsUrl);
    }
}
