package dev.truce.github;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installation access tokens, one per installation, reused until {@code refreshMargin} before they expire and then
 * requested again. Thread-safe: concurrent callers for one installation share a single request; different
 * installations do not wait for each other.
 */
public final class InstallationTokens {

    /** Asks GitHub for a fresh installation token. */
    @FunctionalInterface
    public interface Issuer {
        /** A new token for the installation. */
        InstallationToken issue(long installationId) throws GitHubException;
    }

    private final Issuer issuer;
    private final Clock clock;
    private final Duration refreshMargin;
    private final Map<Long, Slot> slots = new ConcurrentHashMap<>();

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

    /** A token for the installation valid for at least {@code refreshMargin}, from the cache when possible. */
    public InstallationToken get(long installationId) throws GitHubException {
        return slots.computeIfAbsent(installationId, id -> new Slot()).get(installationId);
    }

    /** Forgets the installation's token, e.g. after GitHub rejected it or the App was uninstalled. */
    public void invalidate(long installationId) {
        slots.remove(installationId);
    }

    @Override
    public String toString() {
        return "InstallationTokens[cached installations=" + slots.size() + "]";
    }

    /** One installation's token; the lock makes concurrent callers wait for one request instead of each making one. */
    private final class Slot {
        private InstallationToken token;

        synchronized InstallationToken get(long installationId) throws GitHubException {
            if (token == null || !clock.instant().plus(refreshMargin).isBefore(token.expiresAt())) {
                token = issuer.issue(installationId);
            }
            return token;
        }
    }
}
