package dev.truce.fetch;

import org.eclipse.jgit.lib.ObjectId;

/**
 * A pull request's two tips, fetched into the cached repository with enough history for their merge base.
 *
 * @param head    the pull request's head commit, the merge's first parent
 * @param base    the base branch's commit, the merge's second parent
 * @param headRef the local ref holding {@code head}
 * @param baseRef the local ref holding {@code base}
 * @param depth   the depth the fetch needed (how many commits back from each tip)
 */
public record FetchedPullRequest(ObjectId head, ObjectId base, String headRef, String baseRef, int depth) {
}
