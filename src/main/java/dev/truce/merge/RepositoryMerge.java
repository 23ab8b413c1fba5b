package dev.truce.merge;

import java.io.IOException;

import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Merges two commits of a repository (bare or not) in memory with JGit's recursive merger, which builds a
 * virtual merge base for criss-cross histories, walking only the directories both sides changed (see
 * {@link MergedIndex}). No work tree, index, ref or object of the repository is touched: objects the merge creates
 * stay in an {@link OverlayInserter}.
 */
public final class RepositoryMerge {

    private final Repository repository;

    /** Merges in the given repository. */
    public RepositoryMerge(Repository repository) {
        this.repository = repository;
    }

    /**
     * Computes the merge of {@code theirs} into {@code ours}.
     *
     * @param ours   a revision naming our commit (branch, tag, id, expression such as {@code HEAD~2})
     * @param theirs a revision naming their commit
     * @throws MergeInputException when a revision is unknown or is not a commit
     * @throws IOException         when the repository cannot be read
     */
    public ComputedMerge compute(String ours, String theirs) throws MergeInputException, IOException {
        OverlayInserter overlay = new OverlayInserter(repository);
        try (ObjectReader reader = overlay.newReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit oursCommit = commit(walk, ours);
            RevCommit theirsCommit = commit(walk, theirs);

            SparseMerger merger = new SparseMerger(overlay, repository.getConfig());
            // Our own index, so the stages are readable after the merge; JGit finishes it even with conflicts.
            DirCache index = DirCache.newInCore();
            merger.setDirCache(index);
            boolean clean = merger.merge(oursCommit, theirsCommit);
            if (merger.failed()) {
                throw new IOException("JGit's merge of " + ours + " and " + theirs + " failed on "
                        + merger.getFailingPaths());
            }
            if (!clean && merger.getUnmergedPaths().isEmpty()) {
                throw new IOException("JGit's merge of " + ours + " and " + theirs
                        + " reported no result and no conflicts");
            }
            ObjectId baseTree = merger.base() == null ? null : merger.base().getTree();
            SideTrees trees = new SideTrees(baseTree, oursCommit.getTree(), theirsCommit.getTree());
            ConflictScanner scanner = new ConflictScanner(reader, trees, repository.getConfig());
            MergedIndex merged = merger.result();
            return new ComputedMerge(repository, overlay, oursCommit, theirsCommit, ours, theirs, trees, merged,
                    scanner.scan(merged));
        }
    }

    private RevCommit commit(RevWalk walk, String revision) throws MergeInputException, IOException {
        ObjectId id;
        try {
            id = repository.resolve(revision);
        } catch (AmbiguousObjectException e) {
            throw new MergeInputException("'" + revision + "' is ambiguous: it names " + e.getCandidates().size()
                    + " objects; use more characters of the id", e);
        } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            throw new MergeInputException("'" + revision + "' is not a valid revision: " + e.getMessage(), e);
        }
        if (id == null) {
            throw new MergeInputException("unknown revision '" + revision + "': no branch, tag or commit of that"
                    + " name in " + repository.getDirectory());
        }
        try {
            return walk.parseCommit(id);
        } catch (IncorrectObjectTypeException e) {
            throw new MergeInputException("'" + revision + "' is a " + typeOf(walk, id) + ", not a commit", e);
        } catch (MissingObjectException e) {
            throw new MergeInputException("'" + revision + "' names object " + id.name()
                    + ", which is not in the repository", e);
        }
    }

    private static String typeOf(RevWalk walk, ObjectId id) {
        try {
            RevObject object = walk.parseAny(id);
            return Constants.typeString(object.getType());
        } catch (IOException e) {
            return "non-commit object";
        }
    }
}
