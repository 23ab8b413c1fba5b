package dev.truce.merge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.truce.conflict.BoundedDiff;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeAttributes;
import org.eclipse.jgit.merge.RecursiveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.dircache.DirCacheBuildIterator;

/**
 * JGit's recursive merger (what {@code MergeStrategy.RECURSIVE} creates) with git merge-ort's trivial directory
 * resolution, remembering the merge base it used.
 *
 * <p>JGit walks every path of the three trees and adds each to the index it builds, so a merge costs the size of the
 * repository (12,000 index entries for a 12,000-file project) even when a pull request changed three files. This
 * merger does not descend into a directory whose outcome its tree ids already decide: the same on both sides, or
 * unchanged on one side since the base. That directory is the other side's tree, recorded as a
 * {@link MergedIndex.WholeTree}; only the directories both sides changed are walked, entry by entry, by JGit's own
 * code. The merged tree of a clean merge is then composed from the walked entries and the whole trees. Merges of
 * merge bases (criss-cross histories) start from a filled index and run as JGit runs them.
 *
 * <p>For a criss-cross history the base is a virtual commit JGit never stores anywhere, so
 * {@code getBaseCommitId()} names an object no reader can open; its tree, though, is in the overlay.
 */
final class SparseMerger extends RecursiveMerger {

    private RevCommit base;
    private final List<MergedIndex.WholeTree> wholeTrees = new ArrayList<>();
    private boolean sparse;

    SparseMerger(OverlayInserter inserter, Config config) {
        super(inserter, config);
        // A hostile file must not make the content merge quadratic (see BoundedDiff); git's histogram otherwise.
        mergeAlgorithm = new MergeAlgorithm(BoundedDiff.histogram());
    }

    /** The merge base the last merge used (virtual for a criss-cross history), or {@code null} when there is none. */
    RevCommit base() {
        return base;
    }

    /** What the last merge produced: the index it built and the directories it took whole. */
    MergedIndex result() {
        return new MergedIndex(dircache, wholeTrees);
    }

    @Override
    protected RevCommit getBaseCommit(RevCommit a, RevCommit b) throws IOException {
        base = super.getBaseCommit(a, b);
        return base;
    }

    @Override
    protected boolean mergeTrees(AbstractTreeIterator baseTree, RevTree headTree, RevTree mergeTree,
            boolean ignoreConflicts) throws IOException {
        // Skipping a directory leaves it out of the index being built; only an index that starts empty, with no
        // work tree behind it, may be short of entries (the merges of merge bases start from a full one).
        sparse = dircache != null && dircache.getEntryCount() == 0 && workingTreeIterator == null
                && attributesNodeProvider == null;
        wholeTrees.clear();
        boolean clean = super.mergeTrees(baseTree, headTree, mergeTree, ignoreConflicts);
        if (sparse && resultTree != null && !wholeTrees.isEmpty()) {
            // JGit wrote the tree of the walked entries alone; the result also holds the directories taken whole.
            resultTree = new MergedIndex(dircache, wholeTrees).writeTree(getObjectInserter(), reader, Map.of(),
                    Set.of());
        }
        return clean;
    }

    @Override
    protected boolean mergeTreeWalk(TreeWalk treeWalk, boolean ignoreConflicts) throws IOException {
        if (!sparse) {
            return super.mergeTreeWalk(treeWalk, ignoreConflicts);
        }
        // JGit's loop (ResolveMerger.mergeTreeWalk without attributes or a work tree), plus the directories skipped.
        while (treeWalk.next()) {
            if (treeWalk.isSubtree() && takeWhole(treeWalk)) {
                continue;
            }
            if (!processEntry(treeWalk.getTree(T_BASE, CanonicalTreeParser.class),
                    treeWalk.getTree(T_OURS, CanonicalTreeParser.class),
                    treeWalk.getTree(T_THEIRS, CanonicalTreeParser.class),
                    treeWalk.getTree(T_INDEX, DirCacheBuildIterator.class), null, ignoreConflicts,
                    MergeAttributes.NO_ATTRIBUTES)) {
                workTreeUpdater.revertModifiedFiles();
                return false;
            }
            if (treeWalk.isSubtree() && enterSubtree) {
                treeWalk.enterSubtree();
            }
        }
        return true;
    }

    /**
     * Whether the directory at the walk's entry is decided by its tree ids (recorded as a whole tree, or dropped when
     * the deciding side has none). Only when no side has a file there: a file beside a directory is JGit's to decide.
     */
    private boolean takeWhole(TreeWalk walk) {
        int modeBase = walk.getRawMode(T_BASE);
        int modeOurs = walk.getRawMode(T_OURS);
        int modeTheirs = walk.getRawMode(T_THEIRS);
        if (!treeOrMissing(modeBase) || !treeOrMissing(modeOurs) || !treeOrMissing(modeTheirs)) {
            return false;
        }
        int taken;
        if (modeOurs == modeTheirs && walk.idEqual(T_OURS, T_THEIRS)) {
            taken = T_OURS;
        } else if (modeBase == modeTheirs && walk.idEqual(T_BASE, T_THEIRS)) {
            taken = T_OURS;
        } else if (modeBase == modeOurs && walk.idEqual(T_BASE, T_OURS)) {
            taken = T_THEIRS;
        } else {
            return false;
        }
        if (walk.getRawMode(taken) != 0) {
            ObjectId tree = walk.getObjectId(taken);
            wholeTrees.add(new MergedIndex.WholeTree(new String(walk.getRawPath(), StandardCharsets.ISO_8859_1), tree));
        }
        return true;
    }

    private static boolean treeOrMissing(int mode) {
        return mode == 0 || FileMode.TREE.equals(mode);
    }
}
