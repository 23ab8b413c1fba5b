package dev.truce.github;

/**
 * A comment on an issue or pull request, as far as Truce reads it back: to find its own earlier comments.
 *
 * @param id     the comment's id
 * @param author the login of who wrote it ({@code <slug>[bot]} for the App)
 * @param body   its text
 */
public record IssueComment(long id, String author, String body) {
}
