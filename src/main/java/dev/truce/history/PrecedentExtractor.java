package dev.truce.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import dev.truce.conflict.BoundedDiff;
import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.LineEndings;
import dev.truce.conflict.Segment;
import dev.truce.conflict.StableText;
import dev.truce.context.Precedent;
import dev.truce.eval.EvalCase;
import dev.truce.eval.MergedTextCheck;

/**
 * Reads off what the maintainers committed for each hunk of an earlier merge's conflicted file. The file's text
 * outside the hunks (what the merge decided by itself) is aligned with the committed file; the committed lines between
 * the stable lines around a hunk are its resolution. Where the committed file also changed those stable lines, which
 * lines belong to the hunk is a guess, so that hunk gives no precedent.
 */
final class PrecedentExtractor {

    private static final DiffAlgorithm DIFF = BoundedDiff.histogram();

    private final ConflictModelBuilder builder;

    /** An extractor that models files with {@code builder}. */
    public PrecedentExtractor(ConflictModelBuilder builder) {
        this.builder = builder;
    }

    /** The precedents of one case: one per hunk whose resolution can be read off, each side at most 40 lines. */
    public List<Precedent> of(EvalCase evalCase) {
        if (evalCase.human() == null || !evalCase.kind().hasHunks()) {
            return List.of();
        }
        ConflictedFile file;
        try {
            file = builder.build(evalCase.versions(), evalCase.kind(), null);
        } catch (RuntimeException e) {
            return List.of();
        }
        if (!file.hasHunks()) {
            return List.of();
        }
        List<String> stable = new ArrayList<>();
        List<ConflictHunk> hunks = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (Segment segment : file.segments()) {
            if (segment instanceof StableText s) {
                stable.addAll(s.lines());
            } else if (segment instanceof ConflictHunk h) {
                hunks.add(h);
                positions.add(stable.size());
            }
        }
        List<String> human = LineEndings.split(evalCase.human());
        boolean kept = MergedTextCheck.keptBy(file, evalCase.human());
        List<String> committed = Precedent.normalised(human);
        boolean oneSide = sameFile(committed, evalCase.versions().ours(), file.charset())
                || sameFile(committed, evalCase.versions().theirs(), file.charset());
        EditList edits = DIFF.diff(RawTextComparator.DEFAULT, raw(stable), raw(human));
        String merge = shortMerge(evalCase);
        List<Precedent> out = new ArrayList<>();
        for (int i = 0; i < hunks.size(); i++) {
            ConflictHunk hunk = hunks.get(i);
            int p = positions.get(i);
            if (i > 0 && positions.get(i - 1) == p || i + 1 < hunks.size() && positions.get(i + 1) == p) {
                continue; // two hunks with nothing stable between them: which lines are whose is a guess
            }
            int[] range = resolvedRange(edits, p, stable.size(), human.size());
            if (range == null || tooLong(hunk) || range[1] - range[0] > PrecedentIndex.MAX_SIDE_LINES) {
                continue;
            }
            out.add(new Precedent(merge, evalCase.versions().path(), evalCase.mergeTime(), hunk.base(), hunk.ours(),
                    hunk.theirs(), human.subList(range[0], range[1]), kept, oneSide));
        }
        return out;
    }

    /**
     * The committed lines standing where stable position {@code p} is (between stable lines {@code p-1} and
     * {@code p}), or {@code null} when an edit changed a stable line next to it.
     */
    static int[] resolvedRange(EditList edits, int p, int stableSize, int humanSize) {
        int shift = 0;
        for (Edit e : edits) {
            if (e.getEndA() < p) {
                shift += (e.getEndB() - e.getBeginB()) - (e.getEndA() - e.getBeginA());
                continue;
            }
            if (e.getBeginA() == p && e.getEndA() == p) {
                return new int[] {e.getBeginB(), e.getEndB()}; // the resolution, inserted where the hunk was
            }
            if (e.getBeginA() <= p && e.getEndA() >= p) {
                return null; // a stable line beside the hunk changed too
            }
            break;
        }
        int at = p + shift;
        return at < 0 || at > humanSize ? null : new int[] {at, at};
    }

    /**
     * Whether the committed lines are {@code side}'s whole file, decoded as the conflict model decoded it (a side with
     * no such file is not).
     */
    private static boolean sameFile(List<String> committed, byte[] side, java.nio.charset.Charset charset) {
        return side != null && committed.equals(Precedent.normalised(LineEndings.split(new String(side, charset))));
    }

    private static boolean tooLong(ConflictHunk hunk) {
        return hunk.base().size() > PrecedentIndex.MAX_SIDE_LINES || hunk.ours().size() > PrecedentIndex.MAX_SIDE_LINES
                || hunk.theirs().size() > PrecedentIndex.MAX_SIDE_LINES;
    }

    private static String shortMerge(EvalCase evalCase) {
        String merge = evalCase.merge();
        int slash = merge.lastIndexOf('/');
        return slash < 0 ? merge : merge.substring(slash + 1);
    }

    private static RawText raw(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(LineEndings.content(line).stripTrailing()).append('\n');
        }
        return new RawText(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
