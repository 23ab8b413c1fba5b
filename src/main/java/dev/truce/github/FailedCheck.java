package dev.truce.github;

import java.util.List;

/**
 * A check of a commit that failed, as the repository's CI reported it: a check run with its annotations and output,
 * or a commit status (which has only a description).
 *
 * @param name        the check run's name or the status's context
 * @param conclusion  {@code failure}, {@code timed_out}, {@code error}, ...
 * @param summary     the check run's output title and summary, or the status's description (untrusted, may be empty)
 * @param text        the check run's output text (often a log excerpt), or empty
 * @param annotations the check run's annotations of level {@code failure} or {@code warning}, at most a few hundred
 */
public record FailedCheck(String name, String conclusion, String summary, String text,
        List<Annotation> annotations) {

    public FailedCheck {
        annotations = List.copyOf(annotations);
    }

    /**
     * One annotation: a file and lines of the checked commit, and the tool's message.
     *
     * @param path      the file, relative to the repository's root
     * @param startLine the first line (1-based)
     * @param endLine   the last line
     * @param level     {@code failure}, {@code warning} or {@code notice}
     * @param message   what the tool said (untrusted)
     */
    public record Annotation(String path, int startLine, int endLine, String level, String message) {
    }
}
