package dev.truce.merge;

import org.eclipse.jgit.lib.ObjectId;

/**
 * The trees a merge combined.
 *
 * @param base   the merge base's tree (virtual for criss-cross histories), or {@code null} when not known, as
 *               for a merge the git CLI left in a work tree (it has detected renames itself)
 * @param ours   our tree
 * @param theirs their tree
 */
public record SideTrees(ObjectId base, ObjectId ours, ObjectId theirs) {
}
