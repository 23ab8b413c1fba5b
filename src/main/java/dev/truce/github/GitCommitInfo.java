package dev.truce.github;

/**
 * Who made a commit, as git records it (GitHub's git database API): enough to tell Truce's own commits from anyone
 * else's before Truce moves or deletes a branch.
 *
 * @param sha            the commit
 * @param authorName     the author's name
 * @param authorEmail    the author's e-mail address
 * @param committerName  the committer's name
 * @param committerEmail the committer's e-mail address
 */
public record GitCommitInfo(String sha, String authorName, String authorEmail, String committerName,
        String committerEmail) {
}
