package dev.truce.provider;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@link BudgetLedger} in the {@code model_spend} table (one row per charged call), shared by every replica on
 * the database. Totals are summed when asked, so two replicas charging at once never overwrite each other.
 */
public final class JdbcBudgetLedger implements BudgetLedger {

    private final JdbcTemplate jdbc;

    /** The ledger in {@code dataSource}'s {@code model_spend} table (created by the Flyway migrations). */
    public JdbcBudgetLedger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public BigDecimal spentOn(String pullRequest) {
        return jdbc.queryForObject("select coalesce(sum(cost), 0) from model_spend where pr_key = ?",
                BigDecimal.class, pullRequest);
    }

    @Override
    public BigDecimal spentOn(LocalDate day) {
        return jdbc.queryForObject("select coalesce(sum(cost), 0) from model_spend where spend_day = ?", BigDecimal.class,
                Date.valueOf(day));
    }

    @Override
    public BigDecimal spentOn(String account, LocalDate day) {
        return jdbc.queryForObject("select coalesce(sum(cost), 0) from model_spend where account = ? and spend_day = ?",
                BigDecimal.class, account, Date.valueOf(day));
    }

    @Override
    public void add(String account, String pullRequest, LocalDate day, BigDecimal cost) {
        jdbc.update("insert into model_spend (account, pr_key, spend_day, cost) values (?, ?, ?, ?)", account,
                pullRequest, Date.valueOf(day), cost);
    }

    /**
     * Deletes the spend of days before {@code day}, so the table stays small. Per-pull-request totals then count
     * only the kept days, which is fine for pull requests older than the retention.
     *
     * @return how many rows were deleted
     */
    public int forgetBefore(LocalDate day) {
        return jdbc.update("delete from model_spend where spend_day < ?", Date.valueOf(day));
    }
}
