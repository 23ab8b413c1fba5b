package dev.truce.conflict;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HashedSequence;
import org.eclipse.jgit.diff.HashedSequenceComparator;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.LowLevelDiffAlgorithm;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.Sequence;

/**
 * JGit's histogram diff (git's {@code diff.algorithm=histogram}) with a bound on its worst case, for every diff Truce
 * runs on a pull request's files, its own and the ones inside JGit's merge.
 *
 * <p>Histogram diff anchors on lines that occur once; a region without such a line goes to Myers' algorithm, whose
 * cost grows with the region's length times the number of edits. A hostile file (tens of thousands of lines of
 * {@code a}/{@code b}, changed into {@code a}/{@code c}) makes that quadratic: 13 s for 20,000 lines, hours for the
 * 2 MiB a pull request may hold, and no deadline can interrupt it. Here such a region, when larger than
 * {@link #MAX_FALLBACK_PAIRS} line pairs, is reported as one replaced block instead: still a correct diff (every line
 * of it is in the block), only not the smallest one, so a three-way merge sees one conflict over the region and it
 * goes to a human. Ordinary code never comes near the bound: its anchor-free regions are a few lines long.
 */
public final class BoundedDiff {

    /** Anchor-free regions larger than this (lines on one side times lines on the other) are not diffed line by line. */
    public static final long MAX_FALLBACK_PAIRS = 4_000_000L;

    private BoundedDiff() {
    }

    /** A new histogram diff whose anchor-free regions are bounded (instances keep no state between calls). */
    public static DiffAlgorithm histogram() {
        HistogramDiff histogram = new HistogramDiff();
        histogram.setFallbackAlgorithm(new BoundedMyers(MAX_FALLBACK_PAIRS));
        return histogram;
    }

    /** Myers' diff for regions up to a size; one replaced block for larger ones. */
    static final class BoundedMyers extends LowLevelDiffAlgorithm {

        private static final LowLevelDiffAlgorithm MYERS = (LowLevelDiffAlgorithm) MyersDiff.INSTANCE;

        private final long maxPairs;

        BoundedMyers(long maxPairs) {
            this.maxPairs = maxPairs;
        }

        @Override
        public <S extends Sequence> void diffNonCommon(EditList edits, HashedSequenceComparator<S> cmp,
                HashedSequence<S> a, HashedSequence<S> b, Edit region) {
            if ((long) region.getLengthA() * region.getLengthB() > maxPairs) {
                edits.add(new Edit(region.getBeginA(), region.getEndA(), region.getBeginB(), region.getEndB()));
                return;
            }
            MYERS.diffNonCommon(edits, cmp, a, b, region);
        }
    }
}
