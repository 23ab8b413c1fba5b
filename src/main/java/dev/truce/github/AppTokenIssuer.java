package dev.truce.github;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Exchanges an App JWT for an installation token: {@code POST /app/installations/{id}/access_tokens}. One request,
 * where hub4j's {@code GHApp}/{@code GHAppInstallation} route takes three (and its JWT provider needs jjwt).
 */
final class AppTokenIssuer implements InstallationTokens.Issuer {

    private final AppCredentials credentials;
    private final GitHubRest rest;
    private final Clock clock;

    AppTokenIssuer(AppCredentials credentials, GitHubRest rest, Clock clock) {
        this.credentials = credentials;
        this.rest = rest;
        this.clock = clock;
    }

    @Override
    public InstallationToken issue(long installationId) throws GitHubException {
        JsonNode body = rest.send("POST",
                rest.url("app/installations", Long.toString(installationId), "access_tokens").build(),
                "Bearer " + credentials.jwt(clock.instant()), Map.of());
        String token = body.path("token").asString("");
        String expiresAt = body.path("expires_at").asString("");
        if (token.isEmpty() || expiresAt.isEmpty()) {
            throw new GitHubException("GitHub's installation token response for installation " + installationId
                    + " has no token or expires_at", false, null);
        }
        try {
            return new InstallationToken(token, Instant.parse(expiresAt));
        } catch (DateTimeParseException e) {
            throw new GitHubException("GitHub's installation token expires_at is not a timestamp", false, e);
        }
    }
}
