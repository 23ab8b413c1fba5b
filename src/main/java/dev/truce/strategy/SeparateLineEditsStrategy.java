package dev.truce.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

import dev.truce.conflict.BoundedDiff;
import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileType;

/**
 * Git reports a conflict when the two sides' edits merely touch: ours changed one line and theirs the next.
 * Inside the hunk, each side's edits to the hunk's base are found with a histogram diff; when no base line is
 * changed by both sides, each line only one side changed is taken from that side (plain three-way merging, one
 * line at a time) and an edit both sides made identically is taken once.
 *
 * <p>How far it goes depends on the file, as measured on real merges:
 * <ul>
 * <li>in build and version files (a raised dependency next to another), edits may also insert or delete lines,
 * except where an insertion meets a region the other side rewrote wholesale: the inserted lines may belong
 * with what the other side took away;</li>
 * <li>in source code only one-for-one line rewrites are combined: an insertion or deletion next to the other
 * side's edit is the human's choice about one block (a moved import, a rewritten statement) too often;</li>
 * <li>in YAML, CSS and documentation neighbouring lines are coupled (a revision and its test list, sample
 * output), so the strategy does not apply.</li>
 * </ul>
 * Both sides inserting at one point is always passed on: their order is a decision.
 */
final class SeparateLineEditsStrategy implements ResolutionStrategy {

    /** Source code where combining one-for-one rewrites of neighbouring lines matched the human on the corpus. */
    private static final Set<FileType> SOURCE_TYPES = EnumSet.of(FileType.JAVA, FileType.KOTLIN, FileType.GROOVY,
            FileType.PYTHON);

    private static final DiffAlgorithm DIFF = BoundedDiff.histogram();

    @Override
    public String name() {
        return "separate-line-edits";
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        boolean buildFile = VersionFileKind.of(file.path()) != null;
        if (!buildFile && !SOURCE_TYPES.contains(file.fileType())) {
            return Verdict.notApplicable("neighbouring lines of " + file.fileType().label()
                    + " files are too often coupled to merge edits that touch");
        }
        if (hunk.base().isEmpty()) {
            return Verdict.notApplicable("both sides only inserted here: no base lines to tell their edits apart");
        }
        List<Edit> ours = edits(hunk.base(), hunk.ours());
        List<Edit> theirs = edits(hunk.base(), hunk.theirs());
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Verdict.notApplicable("one side left the base unchanged");
        }
        List<SideEdit> all = new ArrayList<>();
        ours.forEach(e -> all.add(new SideEdit(e, hunk.ours(), "ours")));
        for (Edit t : theirs) {
            SideEdit edit = new SideEdit(t, hunk.theirs(), "theirs");
            if (all.stream().anyMatch(o -> o.sameChange(edit))) {
                continue; // the same edit made on both sides is taken once
            }
            for (Edit o : ours) {
                String clash = clash(o, t, hunk.baseLine(), buildFile);
                if (clash != null) {
                    return Verdict.recognisedButPassed(clash);
                }
            }
            all.add(edit);
        }
        if (!buildFile) {
            for (SideEdit s : all) {
                if (!rewritesLineForLine(s.edit())) {
                    return Verdict.recognisedButPassed(s.side() + " " + describe(s.edit(), hunk.baseLine())
                            + " next to the other side's edit: how the block reads is a decision");
                }
            }
        }
        // The edits cover disjoint base lines, so base order is the order they apply in; an insertion before a base
        // line goes before the other side's rewrite of that line (both start there, the insertion ends there).
        all.sort(Comparator.comparingInt((SideEdit s) -> s.edit().getBeginA()).thenComparingInt(s -> s.edit().getEndA()));
        List<String> merged = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        int basePos = 0;
        for (SideEdit s : all) {
            Edit e = s.edit();
            merged.addAll(hunk.base().subList(basePos, e.getBeginA()));
            merged.addAll(s.lines().subList(e.getBeginB(), e.getEndB()));
            basePos = e.getEndA();
            parts.add(s.side() + " " + describe(e, hunk.baseLine()));
        }
        merged.addAll(hunk.base().subList(basePos, hunk.base().size()));
        return new Verdict.Resolved(merged,
                "the sides changed different lines of the base; took each from the side that changed it: "
                        + String.join("; ", parts));
    }

    /** Why an edit of ours and one of theirs cannot both be applied, or {@code null} when they can. */
    private static String clash(Edit o, Edit t, int baseLine, boolean buildFile) {
        if (o.getBeginA() < t.getEndA() && t.getBeginA() < o.getEndA()) {
            return "both sides changed base line " + (baseLine + Math.max(o.getBeginA(), t.getBeginA()));
        }
        boolean oInsert = o.getLengthA() == 0;
        boolean tInsert = t.getLengthA() == 0;
        if (oInsert && tInsert) {
            return o.getBeginA() == t.getBeginA() ? "both sides inserted before base line "
                    + (baseLine + o.getBeginA()) + ": their order is a decision" : null;
        }
        if (buildFile && (oInsert || tInsert)) {
            Edit insert = oInsert ? o : t;
            Edit other = oInsert ? t : o;
            boolean inside = insert.getBeginA() > other.getBeginA() && insert.getBeginA() < other.getEndA();
            boolean atEdge = insert.getBeginA() == other.getBeginA() || insert.getBeginA() == other.getEndA();
            if (inside || (atEdge && !rewritesLineForLine(other))) {
                return (oInsert ? "ours" : "theirs") + " inserted lines where the other side rewrote base lines "
                        + (baseLine + other.getBeginA()) + "-" + (baseLine + other.getEndA() - 1)
                        + " as a block: they may belong with what it took away";
            }
        }
        return null;
    }

    private static boolean rewritesLineForLine(Edit e) {
        return e.getType() == Edit.Type.REPLACE && e.getLengthA() == e.getLengthB();
    }

    /** The edit in the reviewer's terms, with base line numbers of the whole file. */
    private static String describe(Edit e, int baseLine) {
        int first = baseLine + e.getBeginA();
        int last = baseLine + e.getEndA() - 1;
        String lines = first == last ? "line " + first : "lines " + first + "-" + last;
        return switch (e.getType()) {
            case INSERT -> "inserted " + e.getLengthB() + " line(s) before base line " + first;
            case DELETE -> "deleted base " + lines;
            default -> "changed base " + lines + " into " + e.getLengthB() + " line(s)";
        };
    }

    private static List<Edit> edits(List<String> base, List<String> side) {
        return DIFF.diff(ExactLines.COMPARATOR, new ExactLines(base), new ExactLines(side));
    }

    /** One edit with the side it came from and that side's lines. */
    private record SideEdit(Edit edit, List<String> lines, String side) {

        List<String> replacement() {
            return lines.subList(edit.getBeginB(), edit.getEndB());
        }

        boolean sameChange(SideEdit other) {
            return edit.getBeginA() == other.edit.getBeginA() && edit.getEndA() == other.edit.getEndA()
                    && replacement().equals(other.replacement());
        }
    }

    /**
     * Lines compared exactly, terminators included, so a changed line ending or a missing final newline counts
     * as an edit (RawText would ignore both).
     */
    private static final class ExactLines extends Sequence {

        static final SequenceComparator<ExactLines> COMPARATOR = new SequenceComparator<>() {
            @Override
            public boolean equals(ExactLines a, int ai, ExactLines b, int bi) {
                return a.lines.get(ai).equals(b.lines.get(bi));
            }

            @Override
            public int hash(ExactLines seq, int ptr) {
                return seq.lines.get(ptr).hashCode();
            }
        };

        private final List<String> lines;

        ExactLines(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public int size() {
            return lines.size();
        }
    }
}
