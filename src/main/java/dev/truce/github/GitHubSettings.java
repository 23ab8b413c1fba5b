package dev.truce.github;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where GitHub is and how patiently Truce talks to it.
 *
 * @param apiUrl             the REST API base: {@code https://api.github.com}, or {@code https://HOST/api/v3} for
 *                           GitHub Enterprise Server
 * @param gitBaseUrl         where repositories are cloned from ({@code BASE/owner/name.git}); {@code null} derives it
 *                           from {@code apiUrl}
 * @param maxRateLimitWait   the longest a single call sleeps to wait out a rate limit before failing as retryable
 * @param tokenRefreshMargin how long before expiry an installation token is replaced
 */
public record GitHubSettings(URI apiUrl, URI gitBaseUrl, Duration maxRateLimitWait, Duration tokenRefreshMargin) {

    /** GitHub.com's API. */
    public static final URI GITHUB_COM_API = URI.create("https://api.github.com");

    /** Checks the required parts. */
    public GitHubSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        Objects.requireNonNull(tokenRefreshMargin, "tokenRefreshMargin");
    }

    /** Defaults for an API base: clone URLs derived from it, rate limits waited out up to a minute, 5 min margin. */
    public static GitHubSettings of(URI apiUrl) {
        return new GitHubSettings(apiUrl, null, Duration.ofSeconds(60), Duration.ofMinutes(5));
    }

    /** The same settings, cloning from {@code gitBaseUrl}. */
    public GitHubSettings withGitBaseUrl(URI gitBaseUrl) {
        return new GitHubSettings(apiUrl, gitBaseUrl, maxRateLimitWait, tokenRefreshMargin);
    }

    /** The same settings with another bound on rate-limit waits. */
    public GitHubSettings withMaxRateLimitWait(Duration maxRateLimitWait) {
        return new GitHubSettings(apiUrl, gitBaseUrl, maxRateLimitWait, tokenRefreshMargin);
    }

    /**
     * Where {@code owner/name} is cloned: the configured git base, else GitHub.com for {@code api.github.com}, else
     * the Enterprise Server host of the API URL.
     */
    public URI cloneUri(String owner, String name) {
        String base;
        if (gitBaseUrl != null) {
            base = gitBaseUrl.toString();
        } else if ("api.github.com".equalsIgnoreCase(apiUrl.getHost())) {
            base = "https://github.com";
        } else {
            base = apiUrl.getScheme() + "://" + apiUrl.getRawAuthority();
        }
        return URI.create(stripSlash(base) + "/" + owner + "/" + name + ".git");
    }

    /** The API base without a trailing slash. */
    String apiBase() {
        return stripSlash(apiUrl.toString());
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
