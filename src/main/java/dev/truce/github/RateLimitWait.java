package dev.truce.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * How long to wait out a GitHub rate limit, bounded: a limit that lifts within {@code maxWait} is slept through and
 * the request retried; a longer one fails fast with {@link RateLimitedException} so the job can be retried later
 * instead of holding a worker for up to an hour.
 */
final class RateLimitWait {

    /** GitHub's advice for a secondary limit without {@code Retry-After}: wait at least a minute. */
    static final Duration SECONDARY_DEFAULT = Duration.ofSeconds(60);

    private final Duration maxWait;
    private final Clock clock;

    RateLimitWait(Duration maxWait, Clock clock) {
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /** Whether a response is a primary or secondary rate limit rather than a permission problem. */
    static boolean isRateLimited(int status, UnaryOperator<String> header) {
        return status == 429 || status == 403 && (header.apply("Retry-After") != null
                || "0".equals(header.apply("X-RateLimit-Remaining")) || header.apply("gh-limited-by") != null);
    }

    /** The wait GitHub asks for: {@code Retry-After}, else until {@code X-RateLimit-Reset}, else a minute. */
    Duration waitTime(UnaryOperator<String> header) {
        String retryAfter = header.apply("Retry-After");
        if (retryAfter != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip())));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    return positive(Duration.between(clock.instant(), at));
                } catch (DateTimeParseException garbage) {
                    return SECONDARY_DEFAULT;
                }
            }
        }
        String reset = header.apply("X-RateLimit-Reset");
        if ("0".equals(header.apply("X-RateLimit-Remaining")) && reset != null) {
            try {
                // One second past the reset: GitHub's clock and ours disagree a little.
                return positive(Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip())))
                        .plusSeconds(1));
            } catch (NumberFormatException garbage) {
                return SECONDARY_DEFAULT;
            }
        }
        return SECONDARY_DEFAULT;
    }

    /** Sleeps through the limit when it lifts within the bound, else throws {@link RateLimitedException}. */
    void awaitOrGiveUp(UnaryOperator<String> header) throws IOException {
        Duration wait = waitTime(header);
        if (wait.compareTo(maxWait) > 0) {
            throw new RateLimitedException("GitHub rate limit lifts in " + wait.toSeconds() + "s, longer than the "
                    + maxWait.toSeconds() + "s Truce waits in a call; retry the job later");
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (IOException) new InterruptedIOException("interrupted waiting out a GitHub rate limit").initCause(e);
        }
    }

    /** hub4j's handler for the primary limit (403 with {@code X-RateLimit-Remaining: 0}). */
    GitHubRateLimitHandler primary() {
        return new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                awaitOrGiveUp(response::header);
            }
        };
    }

    /** hub4j's handler for secondary limits (429, or 403 with {@code Retry-After} / {@code gh-limited-by}). */
    GitHubAbuseLimitHandler secondary() {
        return new GitHubAbuseLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                awaitOrGiveUp(response::header);
            }
        };
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** A rate limit that does not lift within the bound; the caller turns it into a retryable failure. */
    static final class RateLimitedException extends IOException {
        RateLimitedException(String message) {
            super(message);
        }
    }
}
