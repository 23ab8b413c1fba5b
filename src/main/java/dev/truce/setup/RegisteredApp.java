package dev.truce.setup;

/**
 * What GitHub returns for a manifest code: the new App's identity and credentials. {@link #toString()} leaves out the
 * private key and the webhook secret.
 *
 * @param id            the App id
 * @param slug          the App's slug (its name in URLs, {@code @slug resolve})
 * @param name          its display name
 * @param owner         the account that owns it
 * @param htmlUrl       its page on GitHub; {@code <htmlUrl>/installations/new} installs it
 * @param privateKeyPem its private key, PEM
 * @param webhookSecret its webhook secret
 */
record RegisteredApp(long id, String slug, String name, String owner, String htmlUrl, String privateKeyPem,
        String webhookSecret) {

    @Override
    public String toString() {
        return "RegisteredApp[id=" + id + ", slug=" + slug + ", name=" + name + ", owner=" + owner + ", htmlUrl="
                + htmlUrl + "]";
    }
}
