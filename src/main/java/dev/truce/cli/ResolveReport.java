package dev.truce.cli;

import java.util.ArrayList;
import java.util.List;

import dev.truce.conflict.ConflictHunk;
import dev.truce.engine.BuildReport;
import dev.truce.engine.BuildValidation;
import dev.truce.llm.NewCode;
import dev.truce.merge.PathConflict;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.validate.BuildResult;

/**
 * The machine-readable report of {@code truce resolve --report}: every conflicted file and every hunk.
 *
 * @param files one entry per conflicted file, sorted by path
 * @param build whether and how the result was built ({@code --validate})
 * @param outsideEdits changes to cleanly merged lines the build asked for (file, line, lines before and after, the
 *                     error, the model's reason)
 */
record ResolveReport(List<FileReport> files, BuildSummary build, List<dev.truce.engine.OutsideEdit> outsideEdits) {

    /**
     * The build.
     *
     * @param ran    whether a build ran
     * @param passed whether the last build round passed
     * @param notRun why no build ran, or {@code null}
     * @param rounds each build round: the first, then one after each repair
     */
    record BuildSummary(boolean ran, boolean passed, String notRun, List<BuildRound> rounds) {
    }

    /**
     * One build round.
     *
     * @param passed    whether every command passed
     * @param commands  each command that ran, with how it ended
     * @param problems  the failing command's diagnostics, with the hunk each falls in
     * @param isolation how the commands ran (the sandbox, or that there was none)
     * @param millis    how long checkout and commands took
     */
    record BuildRound(boolean passed, List<String> commands, List<Problem> problems, String isolation, long millis) {
    }

    /**
     * One diagnostic of a failed build.
     *
     * @param path    the file, relative to the repository, or {@code null}
     * @param line    the line, 0 when unknown
     * @param message what the tool said
     * @param hunk    the hunk of that file whose resolved lines hold it, or {@code null}: outside the conflicts
     */
    record Problem(String path, int line, String message, Integer hunk) {
    }

    /** The build part of the report. */
    static BuildSummary build(BuildReport report) {
        List<BuildRound> rounds = new ArrayList<>();
        for (BuildValidation v : report.rounds()) {
            rounds.add(new BuildRound(v.passed(), v.runs().stream().map(BuildResult::summary).toList(),
                    v.problems().stream().map(p -> new Problem(p.diagnostic().path(), p.diagnostic().line(),
                            p.diagnostic().message(), p.hunk())).toList(), v.isolation(), v.took().toMillis()));
        }
        return new BuildSummary(report.ran(), report.passed(), report.notRun(), rounds);
    }

    /**
     * One conflicted file.
     *
     * @param path     path in the result
     * @param kind     the conflict kind, as git names it ({@code content}, {@code modify/delete}, ...)
     * @param resolved whether the whole file is resolved
     * @param reason   why it is (not) resolved, or what was done with it
     * @param hunks    its hunks; empty for kinds without hunks
     */
    record FileReport(String path, String kind, boolean resolved, String reason, List<HunkReport> hunks) {
    }

    /**
     * One hunk.
     *
     * @param id         the hunk's id in its file, from 0
     * @param status     {@code resolved}, {@code unresolved} or {@code regenerate}
     * @param strategy   the strategy that decided it, or {@code null}
     * @param reason     why
     * @param oursLine   first line of the hunk in our file
     * @param theirsLine first line of the hunk in their file
     * @param detail     what went wrong in full (a model call's endpoint and error), or {@code null}
     * @param newCode    lines a model's resolution adds that are in none of base, ours and theirs (empty when none)
     */
    record HunkReport(int id, String status, String strategy, String reason, int oursLine, int theirsLine,
            String detail, List<String> newCode) {
    }

    /** Adds one file; {@code note} (may be {@code null}) says what happened to it beyond its resolution. */
    static FileReport file(PathConflict conflict, FileResolution resolution, String note) {
        List<HunkReport> hunks = new ArrayList<>();
        for (ConflictHunk hunk : conflict.file().hunks()) {
            HunkOutcome outcome = resolution.outcomes().get(hunk.id());
            hunks.add(new HunkReport(hunk.id(), outcome.status().label(), outcome.strategy(), outcome.reason(),
                    hunk.oursLine(), hunk.theirsLine(), outcome.detail(), NewCode.of(hunk, outcome)));
        }
        String reason = summary(conflict, resolution);
        return new FileReport(conflict.path(), conflict.kind().label(), resolution.isFullyResolved(),
                note == null ? reason : reason + "; " + note, hunks);
    }

    /** One line: why a file is or is not resolved. */
    static String summary(PathConflict conflict, FileResolution resolution) {
        if (!conflict.file().hasHunks()) {
            return conflict.file().unsupported();
        }
        String renamed = conflict.file().oldPath() == null ? "" : "renamed from " + conflict.file().oldPath() + "; ";
        int total = resolution.outcomes().size();
        if (total == 0) {
            return renamed + "merged cleanly";
        }
        long left = total - resolution.resolvedCount();
        return renamed + (left == 0 ? "all " + total + " hunks resolved" : left + " of " + total + " hunks left");
    }
}
