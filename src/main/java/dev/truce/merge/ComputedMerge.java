package dev.truce.merge;

import java.util.List;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A merge computed in memory and not written anywhere: the merged index (stage 0 for merged paths, stages
 * 1 to 3 for conflicts, and the directories taken whole from one side), the conflicts found in it, and the objects
 * the merge created, held in an overlay.
 *
 * @param repository the repository merged in; untouched so far
 * @param objects    the objects the merge created (merged blobs, trees, virtual bases)
 * @param ours       our commit, the first parent of a written result
 * @param theirs     their commit, the second parent
 * @param oursName   how the user named ours, for messages and conflict markers
 * @param theirsName how the user named theirs
 * @param trees      the base, our and their trees
 * @param index      the merged index and whole directories; must not be modified
 * @param conflicts  the conflicted paths, sorted by path
 */
public record ComputedMerge(Repository repository, OverlayInserter objects, RevCommit ours, RevCommit theirs,
        String oursName, String theirsName, SideTrees trees, MergedIndex index, List<PathConflict> conflicts) {

    public ComputedMerge {
        conflicts = List.copyOf(conflicts);
    }

    /** Whether git itself would have merged without conflicts. */
    public boolean isClean() {
        return conflicts.isEmpty();
    }
}
