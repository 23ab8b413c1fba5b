package dev.truce.fetch;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** Git-over-HTTPS credentials for a GitHub App installation: user {@code x-access-token}, the token as password. */
public final class TokenCredentials {

    /** The user name GitHub expects with an installation token. */
    public static final String USER = "x-access-token";

    private TokenCredentials() {
    }

    /** Credentials for one git operation; the token is never logged (JGit does not print passwords). */
    public static CredentialsProvider of(char[] token) {
        return new UsernamePasswordCredentialsProvider(USER, token);
    }
}
