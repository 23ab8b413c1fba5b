package dev.truce.provider;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Where a {@link SpendBudget} keeps what was spent: per pull request, per UTC day, and per installation account and day.
 * One process can keep it in memory
 * ({@link InMemoryBudgetLedger}); replicas sharing work keep it in their database ({@link JdbcBudgetLedger}) so a
 * limit holds across all of them. Implementations are thread-safe.
 */
public interface BudgetLedger {

    /** Dollars spent on the pull request {@code owner/repo#12}, over all days. */
    BigDecimal spentOn(String pullRequest);

    /** Dollars spent on the UTC day {@code day}, over all pull requests. */
    BigDecimal spentOn(LocalDate day);

    /** Dollars spent on the UTC day {@code day} by one installation's account (lower case), over its pull requests. */
    BigDecimal spentOn(String account, LocalDate day);

    /**
     * Records the cost of one call.
     *
     * @param account     the installation's account (lower case), or {@code null} for work outside the App
     * @param pullRequest the pull request's key, or {@code null} for work outside a pull request
     */
    void add(String account, String pullRequest, LocalDate day, BigDecimal cost);
}
