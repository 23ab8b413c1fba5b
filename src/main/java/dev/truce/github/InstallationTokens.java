package dev.truce.github;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installation access tokens, one per repository: each is scoped by GitHub to that single repository (see
 * {@link Issuer}), so a job for repository X can never use a token that reaches repository Y of the same
 * installation. A token is reused until {@code refreshMargin} before it expires and then requested again.
 *
 * <p>The cache key is the installation id plus {@code owner/name}, compared case-insensitively as GitHub does.
 * Thread-safe: concurrent callers for one repository share a single request; different repositories do not wait for
 * each other.
 */
final class InstallationTokens {

    /** Asks GitHub for a fresh installation token. */
    @FunctionalInterface
    public interface Issuer {
        /** A new token of {@code repo}'s installation that can reach only {@code repo}. */
        InstallationToken issue(RepoRef repo) throws GitHubException;
    }

    private final Issuer issuer;
    private final Clock clock;
    private final Duration refreshMargin;
    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();

    /**
     * @param issuer        where new tokens come from
     * @param clock         the time used to judge expiry
     * @param refreshMargin how long before {@code expires_at} a token stops being handed out (GitHub's tokens live
     *                      an hour; a few minutes of margin covers a job that starts just before expiry)
     */
    public InstallationTokens(Issuer issuer, Clock clock, Duration refreshMargin) {
        this.issuer = issuer;
        this.clock = clock;
        this.refreshMargin = refreshMargin;
    }

    /**
     * A token scoped to {@code repo}, valid for at least {@code refreshMargin}, from the cache when possible.
     */
    public InstallationToken get(RepoRef repo) throws GitHubException {
        return slots.computeIfAbsent(Key.of(repo), key -> new Slot()).get(repo);
    }

    /**
     * Forgets the repository's token, e.g. after GitHub rejected it; other repositories' tokens stay cached.
     */
    public void invalidate(RepoRef repo) {
        slots.remove(Key.of(repo));
    }

    @Override
    public String toString() {
        return "InstallationTokens[cached repositories=" + slots.size() + "]";
    }

    /** Installation id and lower-cased {@code owner/name}: GitHub's owner and repository names ignore case. */
    record Key(long installationId, String fullName) {
        static Key of(RepoRef repo) {
            return new Key(repo.installationId(), repo.fullName().toLowerCase(Locale.ROOT));
        }
    }

    /** One repository's token; the lock makes concurrent callers wait for one request instead of each making one. */
    private final class Slot {
        private InstallationToken token;

        synchronized InstallationToken get(RepoRef repo) throws GitHubException {
            if (token == null || !clock.instant().plus(refreshMargin).isBefore(token.expiresAt())) {
                token = issuer.issue(repo);
            }
            return token;
        }
    }
}
