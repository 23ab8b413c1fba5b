package dev.truce.merge;

import org.eclipse.jgit.lib.ObjectId;

/**
 * A merge commit Truce wrote.
 *
 * @param branch  the branch name, without {@code refs/heads/}
 * @param commit  the merge commit
 * @param partial whether some files still hold conflict markers or an unmerged side
 */
public record WrittenMerge(String branch, ObjectId commit, boolean partial) {
}
