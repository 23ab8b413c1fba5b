package dev.truce.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;

/**
 * In a build or version file, both sides changed a hunk but on different base lines (ours raised one
 * dependency, theirs another two lines below). Git conflicts on edits that merely touch; diffing each side
 * against the base inside the hunk separates them, and each line only one side changed is taken from that side
 * (plain three-way merging, one line at a time).
 *
 * <p>Passes when the two sides' edits overlap on a base line, when both inserted at one place (their order is a
 * choice), and when a side inserted lines where the other side deleted or rewrote a region wholesale (the
 * insertion may belong to what the other side took away). Lines inserted beside lines the other side changed
 * one for one (a raised version) keep their place next to them.
 */
public final class SeparateLineEditsStrategy implements ResolutionStrategy {

    /** Hunks longer than this are left alone: the quadratic alignment is cheap only for small regions. */
    private static final int MAX_LINES = 400;

    @Override
    public String name() {
        return "separate-line-edits";
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        if (VersionFileKind.of(file.path()) == null) {
            return Verdict.notApplicable("not a build or version file");
        }
        if (hunk.base().isEmpty() || hunk.base().size() > MAX_LINES || hunk.ours().size() > MAX_LINES
                || hunk.theirs().size() > MAX_LINES) {
            return Verdict.notApplicable("no base lines to separate the sides' edits by, or too long a hunk");
        }
        List<LineEdit> ours = LineEdit.between(hunk.base(), hunk.ours());
        List<LineEdit> theirs = LineEdit.between(hunk.base(), hunk.theirs());
        List<LineEdit> all = new ArrayList<>(ours);
        for (LineEdit t : theirs) {
            if (ours.contains(t)) {
                continue; // the same edit made on both sides is taken once
            }
            for (LineEdit o : ours) {
                if (o.clashesWith(t)) {
                    return Verdict.declined("separate-line-edits: both sides changed base lines " + (o.start() + 1)
                            + "-" + Math.max(o.start() + 1, o.end()) + " and " + (t.start() + 1) + "-"
                            + Math.max(t.start() + 1, t.end()) + " of the hunk, which overlap or meet at an insertion");
                }
            }
            all.add(t);
        }
        all.sort(Comparator.comparingInt(LineEdit::start));
        List<String> merged = new ArrayList<>();
        int next = 0;
        for (LineEdit edit : all) {
            merged.addAll(hunk.base().subList(next, edit.start()));
            merged.addAll(edit.replacement());
            next = edit.end();
        }
        merged.addAll(hunk.base().subList(next, hunk.base().size()));
        return new Verdict.Resolved(merged, "ours and theirs changed different lines of the base (" + ours.size()
                + " edit(s) in ours, " + theirs.size() + " in theirs); each line is taken from the side that changed it");
    }

    /**
     * One side's replacement of base lines {@code [start, end)} by {@code replacement}; an insertion when the
     * range is empty.
     */
    record LineEdit(int start, int end, List<String> replacement) {

        /**
         * Two edits clash when they share a base line, when both insert at one place, or when one inserts inside or
         * at the edge of the other, unless the other rewrites its lines one for one.
         */
        boolean clashesWith(LineEdit other) {
            if (start < other.end && other.start < end) {
                return true;
            }
            boolean insertion = start == end;
            boolean otherInsertion = other.start == other.end;
            if (insertion && otherInsertion) {
                return start == other.start;
            }
            if (insertion) {
                if (start <= other.start || start >= other.end) {
                    // Lines inserted next to lines the other side rewrote one for one (a version raised) keep
                    // their place beside them; next to a region rewritten wholesale they may belong to what went.
                    return (start == other.start || start == other.end) && !other.rewritesLineForLine();
                }
                return true;
            }
            if (otherInsertion) {
                return other.clashesWith(this);
            }
            return false;
        }

        /** Whether this edit replaces base lines with as many changed lines, each rewriting one in place. */
        boolean rewritesLineForLine() {
            return end > start && replacement.size() == end - start;
        }

        /** The edits turning {@code base} into {@code side}, from a longest common subsequence of whole lines. */
        static List<LineEdit> between(List<String> base, List<String> side) {
            int n = base.size();
            int m = side.size();
            int[][] lcs = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    lcs[i][j] = base.get(i).equals(side.get(j)) ? lcs[i + 1][j + 1] + 1
                            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            List<LineEdit> edits = new ArrayList<>();
            int i = 0;
            int j = 0;
            int editBase = -1;
            int editSide = -1;
            while (i < n || j < m) {
                if (i < n && j < m && base.get(i).equals(side.get(j)) && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
                    if (editBase >= 0) {
                        edits.add(new LineEdit(editBase, i, List.copyOf(side.subList(editSide, j))));
                        editBase = -1;
                    }
                    i++;
                    j++;
                    continue;
                }
                if (editBase < 0) {
                    editBase = i;
                    editSide = j;
                }
                if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                    j++;
                } else {
                    i++;
                }
            }
            if (editBase >= 0) {
                edits.add(new LineEdit(editBase, n, List.copyOf(side.subList(editSide, m))));
            }
            return edits;
        }
    }
}
