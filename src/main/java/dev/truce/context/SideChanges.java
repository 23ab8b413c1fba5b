package dev.truce.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * What one side changed in a file since the base, outside a range of base lines, nearest to that range first:
 * the changes a conflict may depend on (a renamed variable, a new parameter, a moved call).
 */
final class SideChanges {

    private static final int MAX_LINES_PER_EDIT = 12;

    private SideChanges() {
    }

    /** One change, rendered, with its distance from the conflict in base lines. */
    record Change(int distance, String text) {
    }

    /**
     * The changes from {@code base} to {@code side} that do not touch base lines {@code [from, to)} (0-based),
     * nearest first.
     */
    static List<Change> outside(String sideName, String base, String side, int from, int to) {
        if (base == null || side == null) {
            return List.of();
        }
        RawText a = new RawText(base.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        RawText b = new RawText(side.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Edit> edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        List<Change> changes = new ArrayList<>();
        for (Edit e : edits) {
            if (e.getBeginA() <= to && e.getEndA() >= from) {
                continue; // the conflict itself, or right against it: shown as the hunk
            }
            int distance = e.getEndA() < from ? from - e.getEndA() : e.getBeginA() - to;
            StringBuilder text = new StringBuilder();
            text.append(String.format("@@ base line %d (%d removed) -> %s line %d (%d added)%n", e.getBeginA() + 1,
                    e.getLengthA(), sideName, e.getBeginB() + 1, e.getLengthB()));
            appendLines(text, "-", a, e.getBeginA(), e.getEndA());
            appendLines(text, "+", b, e.getBeginB(), e.getEndB());
            changes.add(new Change(distance, text.toString()));
        }
        changes.sort(Comparator.comparingInt(Change::distance));
        return changes;
    }

    private static void appendLines(StringBuilder out, String sign, RawText text, int from, int to) {
        int shown = Math.min(to, from + MAX_LINES_PER_EDIT);
        for (int i = from; i < shown; i++) {
            out.append(sign).append(' ').append(text.getString(i)).append('\n');
        }
        if (to > shown) {
            out.append(sign).append(" ... ").append(to - shown).append(" more line(s)\n");
        }
    }
}
