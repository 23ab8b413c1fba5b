package dev.truce.publish;

/**
 * Who Truce's commits are by: the App's bot account.
 *
 * @param slug   the App's slug (its URL name)
 * @param userId the bot user's id, which GitHub puts in the noreply address; 0 when not known
 */
public record AppIdentity(String slug, long userId) {

    /** {@code <slug>[bot]}, as GitHub shows the App's commits. */
    public String name() {
        return slug + "[bot]";
    }

    /** GitHub's noreply address for the bot ({@code <id>+<slug>[bot]@users.noreply.github.com}). */
    public String email() {
        return (userId > 0 ? userId + "+" : "") + name() + "@users.noreply.github.com";
    }
}
