package dev.truce.github;

/**
 * A repository as the App sees it: through one installation.
 *
 * @param installationId the App installation that grants access
 * @param owner          the owner's login
 * @param name           the repository's name
 */
public record RepoRef(long installationId, String owner, String name) {

    /** {@code owner/name}. */
    public String fullName() {
        return owner + "/" + name;
    }
}
