package dev.truce.fetch;

import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.internal.JGitText;
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

    /** Whether git failed because the server refused the credentials (HTTP 401), as opposed to any other failure. */
    public static boolean rejected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransportException && t.getMessage() != null
                    && t.getMessage().contains(JGitText.get().notAuthorized)) {
                return true;
            }
        }
        return false;
    }
}
