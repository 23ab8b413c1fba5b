package dev.truce.github;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Exchanges an App JWT for an installation token: {@code POST /app/installations/{id}/access_tokens}. One request,
 * where hub4j's {@code GHApp}/{@code GHAppInstallation} route takes three (and its JWT provider needs jjwt).
 *
 * <p>Each token is scoped down to what one job needs: GitHub's {@code repositories} body parameter limits it to the
 * single repository the job is about (by name; the installation already fixes the owner), and {@code permissions}
 * to the App's documented permissions ({@link #PERMISSIONS}), so a token never reaches the installation's other
 * repositories or any permission the App may gain later.
 */
final class AppTokenIssuer implements InstallationTokens.Issuer {

    /**
     * What Truce's calls need, as GitHub's {@code permissions} body parameter: contents (fetch, push the fix branch),
     * pull requests (read, open, update, close), issues (comments and reactions) and metadata (collaborator
     * permission). Must stay within what the App is granted (docs/github-app.md), or GitHub answers 422.
     */
    static final Map<String, String> PERMISSIONS = Map.of("contents", "write", "pull_requests", "write",
            "issues", "write", "metadata", "read");

    private final AppCredentials credentials;
    private final GitHubRest rest;
    private final Clock clock;

    AppTokenIssuer(AppCredentials credentials, GitHubRest rest, Clock clock) {
        this.credentials = credentials;
        this.rest = rest;
        this.clock = clock;
    }

    @Override
    public InstallationToken issue(RepoRef repo) throws GitHubException {
        JsonNode body = rest.send("POST",
                rest.url("app/installations", Long.toString(repo.installationId()), "access_tokens").build(),
                "Bearer " + credentials.jwt(clock.instant()),
                Map.of("repositories", List.of(repo.name()), "permissions", PERMISSIONS));
        String token = body.path("token").asString("");
        String expiresAt = body.path("expires_at").asString("");
        if (token.isEmpty() || expiresAt.isEmpty()) {
            throw new GitHubException("GitHub's installation token response for " + repo.fullName()
                    + " (installation " + repo.installationId() + ") has no token or expires_at", false, null);
        }
        try {
            return new InstallationToken(token, Instant.parse(expiresAt));
        } catch (DateTimeParseException e) {
            throw new GitHubException("GitHub's installation token expires_at is not a timestamp", false, e);
        }
    }
}
