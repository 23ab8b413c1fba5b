package dev.truce.validate;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one build command did.
 *
 * @param command   the command
 * @param status    passed, failed, or killed at the wall-time limit
 * @param exitCode  the exit code (128 + signal for a process killed by a signal), -1 when killed at the limit
 * @param elapsed   how long it ran
 * @param output    the end of its output (standard output and error interleaved), at most the limit's bytes
 * @param dropped   how many bytes of output before that were dropped
 * @param isolation how it ran: the sandbox and what it withholds, or a plain statement that it ran without one
 * @param sandboxed whether it ran in a sandbox
 * @param directory the checkout's path as the build saw it ({@code /checkout} in the sandbox), for
 *                  {@link DiagnosticsParser} to make the paths in the output relative
 */
public record BuildResult(BuildCommand command, Status status, int exitCode, Duration elapsed, String output,
        long dropped, String isolation, boolean sandboxed, Path directory) {

    /** How a build command ended. */
    public enum Status {
        /** Exit code 0. */
        PASSED,
        /** Another exit code. */
        FAILED,
        /** Killed, with every process it started, at the wall-time limit. */
        TIMED_OUT
    }

    static BuildResult from(BuildCommand command, BoundedProcess.Outcome outcome, String isolation,
            boolean sandboxed, Path directory) {
        Status status = outcome.timedOut() ? Status.TIMED_OUT
                : outcome.exitCode() == 0 ? Status.PASSED : Status.FAILED;
        return new BuildResult(command, status, outcome.exitCode(), outcome.elapsed(), outcome.output(),
                outcome.dropped(), isolation, sandboxed, directory);
    }

    /** The diagnostics in the output, with paths relative to the checkout. */
    public java.util.List<Diagnostic> diagnostics() {
        return new DiagnosticsParser(directory).parse(output);
    }

    /** Whether the command passed. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /** One line for reports: command, result, time, isolation. */
    public String summary() {
        String how = switch (status) {
            case PASSED -> "passed";
            case FAILED -> "failed with exit code " + exitCode;
            case TIMED_OUT -> "killed after " + elapsed.toSeconds() + " s (wall-time limit)";
        };
        return "`" + command.display() + "` " + how + " in " + elapsed.toMillis() / 100 / 10.0 + " s"
                + (dropped > 0 ? " (" + dropped + " bytes of output dropped)" : "") + "; " + isolation;
    }
}
