package dev.truce.cli;

import java.io.PrintWriter;
import java.util.List;

import dev.truce.conflict.LineEndings;
import dev.truce.engine.BuildReport;
import dev.truce.engine.BuildValidation;
import dev.truce.engine.OutsideEdit;
import dev.truce.engine.ResolvedMerge;
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

    /** Each change the build asked for outside the conflicts, with the error and the lines before and after. */
    static void printOutsideEdits(PrintWriter out, List<OutsideEdit> edits) {
        if (edits.isEmpty()) {
            return;
        }
        out.println("Changed outside the conflicts to make the build pass:");
        for (OutsideEdit edit : edits) {
            out.println("  " + ResolveCommand.terminalSafe(edit.path() + " line " + edit.line() + ", by " + edit.by()
                    + ": " + oneLine(edit.rationale())));
            out.println("    because: " + ResolveCommand.terminalSafe(oneLine(edit.diagnostic())));
            edit.before().forEach(l -> out.println("    - " + ResolveCommand.terminalSafe(LineEndings.content(l))));
            edit.after().forEach(l -> out.println("    + " + ResolveCommand.terminalSafe(LineEndings.content(l))));
        }
    }

    /** The lines the merge commit's message gets about the build, or {@code null} when none ran. */
    static String commitNote(ResolvedMerge resolved) {
        BuildReport report = resolved.build();
        if (!report.ran()) {
            return null;
        }
        StringBuilder text = new StringBuilder("Build: ").append(report.passed() ? "passed" : "FAILED")
                .append(report.rounds().size() > 1 ? " after " + (report.rounds().size() - 1) + " repair round(s)"
                        : "").append('\n');
        for (BuildResult run : report.last().runs()) {
            text.append("  ").append(run.summary()).append('\n');
        }
        for (OutsideEdit edit : resolved.outsideEdits()) {
            text.append("Changed outside the conflicts: ").append(edit.path()).append(" line ").append(edit.line())
                    .append(" (").append(edit.after().size()).append(" line(s) for ").append(edit.before().size())
                    .append("), because: ").append(oneLine(edit.diagnostic())).append('\n');
        }
        return text.toString();
    }
}
