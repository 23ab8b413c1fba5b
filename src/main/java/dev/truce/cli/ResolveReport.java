package dev.truce.cli;

import java.util.ArrayList;
import java.util.List;

import dev.truce.conflict.ConflictHunk;
import dev.truce.merge.PathConflict;
import dev.truce.model.NewCode;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;

/**
 * The machine-readable report of {@code truce resolve --report}: every conflicted file and every hunk.
 *
 * @param files one entry per conflicted file, sorted by path
 */
record ResolveReport(List<FileReport> files) {

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
