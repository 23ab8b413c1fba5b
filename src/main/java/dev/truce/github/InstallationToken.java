package dev.truce.github;

import java.time.Instant;
import java.util.Objects;

/**
 * An installation access token and when GitHub says it expires. {@link #toString()} redacts the token so it cannot
 * reach a log by accident.
 *
 * @param value     the token, sent as {@code Authorization: token <value>} or as git's password
 * @param expiresAt GitHub's {@code expires_at}
 */
record InstallationToken(String value, Instant expiresAt) {

    /** Checks both parts are present. */
    public InstallationToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "InstallationToken[value=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
