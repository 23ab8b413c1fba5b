package dev.truce.github;

/**
 * What Truce needs to know about a pull request.
 *
 * @param number       the pull request number
 * @param title        its title (untrusted text)
 * @param body         its description, possibly empty (untrusted text)
 * @param open         whether it is open
 * @param draft        whether it is a draft
 * @param headRef      the head branch name
 * @param headSha      the head commit
 * @param headRepo     {@code owner/name} of the repository holding the head branch
 * @param baseRef      the base branch name
 * @param baseSha      the base branch's commit as GitHub last saw it
 * @param author       the author's login
 * @param htmlUrl      the pull request's web address
 */
public record PullRequestInfo(int number, String title, String body, boolean open, boolean draft, String headRef,
        String headSha, String headRepo, String baseRef, String baseSha, String author, String htmlUrl) {

    /** Whether the head branch lives in another repository (a fork), where Truce never pushes. */
    public boolean isFromFork(RepoRef repo) {
        return !repo.fullName().equalsIgnoreCase(headRepo);
    }
}
