package dev.truce.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileType;

/**
 * Git reports a conflict when the two sides' edits merely touch: ours changed one line and theirs the next. Inside
 * the hunk, each side's edits to the hunk's base are found with a histogram diff; when no base line is changed by
 * both sides and every edit rewrites lines one for one, both sides' edits are applied to the base. Otherwise the
 * strategy passes.
 *
 * <p>Measured on the corpus, and why the rule is this narrow: git only conflicts on edits that touch, so requiring
 * an unchanged base line between the sides' edits never applies; an insertion or deletion next to the other
 * side's edit is the human's choice about one block (moved imports, a rewritten statement) about a third of the
 * time; and in YAML, CSS and documentation neighbouring lines are coupled (a revision and its test list, sample
 * output), so only source code and build files are merged.
 */
public final class AdjacentEditsStrategy implements ResolutionStrategy {

    /** Where merging touching line edits matched the human on the corpus. */
    private static final Set<FileType> SAFE_TYPES = EnumSet.of(FileType.JAVA, FileType.KOTLIN, FileType.GROOVY,
            FileType.PYTHON, FileType.MAVEN_POM, FileType.GRADLE, FileType.PROPERTIES);

    private static final DiffAlgorithm DIFF = new HistogramDiff();

    @Override
    public String name() {
        return "adjacent-edits";
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        if (!SAFE_TYPES.contains(file.fileType())) {
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
        for (Edit o : ours) {
            for (Edit t : theirs) {
                String clash = clash(o, t, hunk.baseLine());
                if (clash != null) {
                    return Verdict.declined(clash);
                }
            }
        }
        for (List<Edit> side : List.of(ours, theirs)) {
            for (Edit e : side) {
                if (e.getType() != Edit.Type.REPLACE || e.getLengthA() != e.getLengthB()) {
                    String name = side == ours ? "ours" : "theirs";
                    return Verdict.declined(name + " " + describe(e, hunk.baseLine())
                            + " next to the other side's edit: how the block reads is a decision");
                }
            }
        }
        List<SideEdit> all = new ArrayList<>();
        ours.forEach(e -> all.add(new SideEdit(e, hunk.ours(), "ours")));
        theirs.forEach(e -> all.add(new SideEdit(e, hunk.theirs(), "theirs")));
        // The edits cover disjoint base lines, so base order is the order they apply in.
        all.sort(Comparator.comparingInt(s -> s.edit().getBeginA()));
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
                "the sides rewrote different lines one for one; applied both: " + String.join("; ", parts));
    }

    /** Why an edit of ours and one of theirs cannot both be applied, or {@code null} when they can. */
    private static String clash(Edit o, Edit t, int baseLine) {
        boolean disjoint = o.getEndA() <= t.getBeginA() || t.getEndA() <= o.getBeginA();
        if (!disjoint) {
            return "both sides changed base line " + (baseLine + Math.max(o.getBeginA(), t.getBeginA()));
        }
        if (o.getType() == Edit.Type.INSERT && t.getType() == Edit.Type.INSERT && o.getBeginA() == t.getBeginA()) {
            return "both sides inserted before base line " + (baseLine + o.getBeginA())
                    + ": their order is a decision";
        }
        return null;
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
