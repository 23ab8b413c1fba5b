package dev.truce.provider;

import dev.truce.model.ModelException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * A spending limit per pull request and per day (UTC), in estimated dollars. Once a limit is reached every further
 * call for that pull request (or that day) is refused before it is made; calls already in flight still finish and
 * are charged, so the spent amount may end slightly above the limit. Thread-safe.
 */
public final class Budget {

    private final BigDecimal perPullRequest;
    private final BigDecimal perDay;
    private final Clock clock;
    private final Map<String, BigDecimal> spentPerPullRequest = new HashMap<>();
    private LocalDate today;
    private BigDecimal spentToday = BigDecimal.ZERO;

    /**
     * @param perPullRequest dollars one pull request may spend, or {@code null} for no limit
     * @param perDay         dollars all pull requests may spend per UTC day, or {@code null} for no limit
     * @param clock          tells the day
     */
    public Budget(BigDecimal perPullRequest, BigDecimal perDay, Clock clock) {
        this.perPullRequest = perPullRequest;
        this.perDay = perDay;
        this.clock = clock;
        this.today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** No limits (local models, or a user who said so). */
    public static Budget unlimited() {
        return new Budget(null, null, Clock.systemUTC());
    }

    /**
     * Refuses when a limit is already reached.
     *
     * @param pullRequest the key of the pull request being resolved ({@code owner/repo#12}), or {@code null} for
     *                    work outside a pull request (only the daily limit applies)
     * @throws ModelException saying which budget was reached and how much was spent
     */
    public synchronized void ensureAvailable(String pullRequest) throws ModelException {
        rollOver();
        if (perDay != null && spentToday.compareTo(perDay) >= 0) {
            throw new ModelException("daily model budget of " + dollars(perDay) + " reached (" + dollars(spentToday)
                    + " spent); remaining hunks are declined");
        }
        if (perPullRequest != null && pullRequest != null) {
            BigDecimal spent = spentPerPullRequest.getOrDefault(pullRequest, BigDecimal.ZERO);
            if (spent.compareTo(perPullRequest) >= 0) {
                throw new ModelException("model budget of " + dollars(perPullRequest) + " for pull request "
                        + pullRequest + " reached (" + dollars(spent) + " spent); remaining hunks are declined");
            }
        }
    }

    /** Adds the cost of a call that was made. */
    public synchronized void charge(String pullRequest, BigDecimal cost) {
        rollOver();
        spentToday = spentToday.add(cost);
        if (pullRequest != null) {
            spentPerPullRequest.merge(pullRequest, cost, BigDecimal::add);
        }
    }

    /** Dollars spent today (UTC). */
    public synchronized BigDecimal spentToday() {
        rollOver();
        return spentToday;
    }

    /** Dollars spent on one pull request. */
    public synchronized BigDecimal spentOn(String pullRequest) {
        return spentPerPullRequest.getOrDefault(pullRequest, BigDecimal.ZERO);
    }

    private void rollOver() {
        LocalDate now = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!now.equals(today)) {
            today = now;
            spentToday = BigDecimal.ZERO;
        }
    }

    static String dollars(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
