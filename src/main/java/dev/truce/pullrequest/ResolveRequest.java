package dev.truce.pullrequest;

import dev.truce.github.RepoRef;

/**
 * A request to resolve one pull request's conflict with its base. Its {@link #identity()} is what repeats collapse
 * on: the same head and base give the same answer.
 *
 * @param repo        the repository and installation
 * @param number      the pull request number
 * @param headSha     the head commit the request is about (may be {@code null} when not known yet: fetched then)
 * @param baseSha     the base commit the request is about (may be {@code null} when not known yet)
 * @param trigger     what asked for it
 * @param requestedBy the login that asked, for a comment trigger; otherwise {@code null}
 * @param commentId   the triggering comment, to acknowledge; otherwise 0
 */
public record ResolveRequest(RepoRef repo, int number, String headSha, String baseSha, Trigger trigger,
        String requestedBy, long commentId) {

    /** Repository + pull request + head + base: one job per distinct question. */
    public String identity() {
        return repo.fullName() + "#" + number + "@" + shortSha(headSha) + ".." + shortSha(baseSha);
    }

    private static String shortSha(String sha) {
        return sha == null ? "latest" : sha.substring(0, Math.min(12, sha.length()));
    }

    /** What made Truce look at a pull request. */
    public enum Trigger {
        /** The pull request was opened, reopened, synchronized or marked ready for review. */
        PULL_REQUEST_EVENT,
        /** Its base branch moved (a push to the branch it targets). */
        BASE_MOVED,
        /** Someone with write access asked in a comment. */
        COMMENT
    }
}
