package dev.truce.provider;

import dev.truce.llm.ModelException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A spending limit per pull request and per day (UTC), in estimated dollars. Once a limit is reached every further
 * call for that pull request (or that day) is refused before it is made; calls already in flight still finish and
 * are charged, so the spent amount may end slightly above the limit. What was spent is kept in a
 * {@link BudgetLedger}: in memory for one process, or in the database so the limits hold across the service's
 * replicas. Thread-safe.
 */
final class SpendBudget {

    private final BigDecimal perPullRequest;
    private final BigDecimal perDay;
    private final Clock clock;
    private final BudgetLedger ledger;
    private final String account;
    private final BigDecimal accountPerDay;
    private final BigDecimal accountPerPullRequest;

    /**
     * A budget whose spend is kept in memory, for one process.
     *
     * @param perPullRequest dollars one pull request may spend, or {@code null} for no limit
     * @param perDay         dollars all pull requests may spend per UTC day, or {@code null} for no limit
     * @param clock          tells the day
     */
    public SpendBudget(BigDecimal perPullRequest, BigDecimal perDay, Clock clock) {
        this(perPullRequest, perDay, clock, new InMemoryBudgetLedger());
    }

    /**
     * A budget whose spend is kept in {@code ledger}.
     *
     * @param perPullRequest dollars one pull request may spend, or {@code null} for no limit
     * @param perDay         dollars all pull requests may spend per UTC day, or {@code null} for no limit
     * @param clock          tells the day
     * @param ledger         where spend is read and recorded
     */
    public SpendBudget(BigDecimal perPullRequest, BigDecimal perDay, Clock clock, BudgetLedger ledger) {
        this(perPullRequest, perDay, clock, ledger, null, null, null);
    }

    private SpendBudget(BigDecimal perPullRequest, BigDecimal perDay, Clock clock, BudgetLedger ledger, String account,
            BigDecimal accountPerDay, BigDecimal accountPerPullRequest) {
        this.perPullRequest = perPullRequest;
        this.perDay = perDay;
        this.clock = clock;
        this.ledger = ledger;
        this.account = account;
        this.accountPerDay = accountPerDay;
        this.accountPerPullRequest = accountPerPullRequest;
    }

    /**
     * This budget for the calls of one installation: its spend is recorded under {@code account} and, besides the
     * shared limits, held to the installation's own.
     *
     * @param account        the installation's account login
     * @param perDay         dollars this installation may spend per UTC day, or {@code null} for only the shared limit
     * @param perPullRequest dollars one of its pull requests may spend (the lower of this and the shared limit
     *                       applies), or {@code null}
     */
    public SpendBudget forAccount(String account, BigDecimal perDay, BigDecimal perPullRequest) {
        return new SpendBudget(this.perPullRequest, this.perDay, clock, ledger, account.toLowerCase(java.util.Locale.ROOT),
                perDay, perPullRequest);
    }

    /** No limits (local models, or a user who said so). */
    public static SpendBudget unlimited() {
        return new SpendBudget(null, null, Clock.systemUTC());
    }

    /** The same limits, with spend kept in {@code other} (the service's shared ledger, for example). */
    public SpendBudget withLedger(BudgetLedger other) {
        return new SpendBudget(perPullRequest, perDay, clock, other, account, accountPerDay, accountPerPullRequest);
    }

    /**
     * Refuses when a limit is already reached.
     *
     * @param pullRequest the key of the pull request being resolved ({@code owner/repo#12}), or {@code null} for
     *                    work outside a pull request (only the daily limit applies)
     * @throws ModelException saying which budget was reached and how much was spent (in public: which budget,
     *                        never the amounts)
     */
    public void ensureAvailable(String pullRequest) throws ModelException {
        if (perDay != null) {
            BigDecimal spentToday = spentToday();
            if (spentToday.compareTo(perDay) >= 0) {
                throw new ModelException("daily model budget of " + dollars(perDay) + " reached ("
                        + dollars(spentToday) + " spent); remaining hunks are declined",
                        "the model's budget for today is spent", null);
            }
        }
        if (account != null && accountPerDay != null) {
            BigDecimal spent = ledger.spentOn(account, today());
            if (spent.compareTo(accountPerDay) >= 0) {
                throw new ModelException("daily model budget of " + dollars(accountPerDay) + " for installation "
                        + account + " reached (" + dollars(spent) + " spent); remaining hunks are declined",
                        "this installation's model budget for today is spent", null);
            }
        }
        BigDecimal pullRequestLimit = lower(perPullRequest, accountPerPullRequest);
        if (pullRequestLimit != null && pullRequest != null) {
            BigDecimal spent = ledger.spentOn(pullRequest);
            if (spent.compareTo(pullRequestLimit) >= 0) {
                throw new ModelException("model budget of " + dollars(pullRequestLimit) + " for pull request "
                        + pullRequest + " reached (" + dollars(spent) + " spent); remaining hunks are declined",
                        "the model's budget for this pull request is spent", null);
            }
        }
    }

    /** Adds the cost of a call that was made. */
    public void charge(String pullRequest, BigDecimal cost) {
        ledger.add(account, pullRequest, today(), cost);
    }

    private static BigDecimal lower(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.min(b);
    }

    /** Dollars spent today (UTC). */
    public BigDecimal spentToday() {
        return ledger.spentOn(today());
    }

    /** Dollars spent on one pull request. */
    public BigDecimal spentOn(String pullRequest) {
        return ledger.spentOn(pullRequest);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    static String dollars(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
