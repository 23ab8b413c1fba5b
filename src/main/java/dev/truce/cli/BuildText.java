package dev.truce.cli;

import java.io.PrintWriter;

import dev.truce.engine.BuildReport;
import dev.truce.engine.BuildValidation;
import dev.truce.validate.BuildResult;

/** How {@code truce resolve} shows a build: on the terminal, and in the merge commit's message. */
final class BuildText {

    private static final int MAX_PROBLEMS = 20;

    private BuildText() {
    }

    /** Prints each build round; nothing when no build was asked for. */
    static void print(PrintWriter out, BuildReport report, boolean asked) {
        if (!asked) {
            return;
        }
        if (!report.ran()) {
            out.println("Build: not run (" + report.notRun() + ")");
            return;
        }
        int round = 0;
        for (BuildValidation validation : report.rounds()) {
            out.printf("Build%s: %s%n", report.rounds().size() > 1 ? " " + (++round == 1 ? "(first)" : "(after repair"
                    + " round " + (round - 1) + ")") : "", validation.passed() ? "passed" : "FAILED");
            for (BuildResult run : validation.runs()) {
                out.println("  " + ResolveCommand.terminalSafe(run.summary()));
            }
            validation.problems().stream().limit(MAX_PROBLEMS).forEach(p -> out.println("    "
                    + ResolveCommand.terminalSafe(oneLine(p.diagnostic().toString())) + (p.hunk() == null
                            ? " [outside the conflicts]" : " [hunk " + p.hunk() + "]")));
            if (validation.problems().size() > MAX_PROBLEMS) {
                out.printf("    ... and %d more%n", validation.problems().size() - MAX_PROBLEMS);
            }
        }
    }

    /** A tool's message of several lines on one line. */
    static String oneLine(String text) {
        return text.strip().replace("\r\n", "\n").replace("\n", " | ");
    }

    /** The lines the merge commit's message gets about the build, or {@code null} when none ran. */
    static String commitNote(BuildReport report) {
        if (!report.ran()) {
            return null;
        }
        StringBuilder text = new StringBuilder("Build: ").append(report.passed() ? "passed" : "FAILED")
                .append(report.rounds().size() > 1 ? " after " + (report.rounds().size() - 1) + " repair round(s)"
                        : "").append('\n');
        for (BuildResult run : report.last().runs()) {
            text.append("  ").append(run.summary()).append('\n');
        }
        return text.toString();
    }
}
