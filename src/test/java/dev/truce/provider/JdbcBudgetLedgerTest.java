package dev.truce.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.truce.llm.ModelException;
import dev.truce.testing.SharedDatabases;

/** Model spend in the database, shared by two replicas of the service, on H2 and on PostgreSQL. */
class JdbcBudgetLedgerTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 21);
    static final Clock NOON = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void spendRecordedByOneReplicaIsSeenByAnother(String engine, SharedDatabases.Fresh fresh) {
        DataSource database = fresh.create();
        JdbcBudgetLedger first = new JdbcBudgetLedger(database);
        JdbcBudgetLedger second = new JdbcBudgetLedger(database);

        first.add("acme", "acme/app#7", DAY, new BigDecimal("0.000123456"));
        second.add("acme", "acme/app#7", DAY, new BigDecimal("1.5"));
        first.add("acme", "acme/app#8", DAY, new BigDecimal("2"));
        second.add(null, null, DAY, new BigDecimal("0.25"));
        second.add("other", "other/app#1", DAY, new BigDecimal("4"));
        first.add("acme", "acme/app#7", DAY.minusDays(1), new BigDecimal("10"));

        assertThat(second.spentOn("acme/app#7")).isEqualByComparingTo("11.500123456");
        assertThat(first.spentOn("acme/app#8")).isEqualByComparingTo("2");
        assertThat(first.spentOn("acme/app#9")).isEqualByComparingTo("0");
        assertThat(second.spentOn(DAY)).isEqualByComparingTo("7.750123456");
        assertThat(second.spentOn("acme", DAY)).isEqualByComparingTo("3.500123456");
        assertThat(first.spentOn("other", DAY)).isEqualByComparingTo("4");
        assertThat(first.spentOn("acme", DAY.minusDays(1))).isEqualByComparingTo("10");
        assertThat(first.spentOn(DAY.minusDays(1))).isEqualByComparingTo("10");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void theDailyBudgetHoldsAcrossReplicas(String engine, SharedDatabases.Fresh fresh) throws ModelException {
        DataSource database = fresh.create();
        SpendBudget first = new SpendBudget(null, new BigDecimal("5.00"), NOON, new JdbcBudgetLedger(database));
        SpendBudget second = new SpendBudget(null, new BigDecimal("5.00"), NOON, new JdbcBudgetLedger(database));

        first.charge("acme/app#7", new BigDecimal("2.505"));
        second.ensureAvailable("acme/app#8");
        second.charge("acme/app#8", new BigDecimal("2.505"));

        assertThatThrownBy(() -> first.ensureAvailable("acme/app#9"))
                .isInstanceOf(ModelException.class)
                .hasMessage("daily model budget of $5.00 reached ($5.01 spent); remaining hunks are declined");
        assertThatThrownBy(() -> second.ensureAvailable(null)).isInstanceOf(ModelException.class);
        SpendBudget tomorrow = new SpendBudget(null, new BigDecimal("5.00"),
                Clock.fixed(Instant.parse("2026-11-22T00:00:01Z"), ZoneOffset.UTC), new JdbcBudgetLedger(database));
        assertThatCode(() -> tomorrow.ensureAvailable("acme/app#9")).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void aPullRequestBudgetHoldsAcrossReplicas(String engine, SharedDatabases.Fresh fresh) throws ModelException {
        DataSource database = fresh.create();
        SpendBudget first = new SpendBudget(new BigDecimal("1.00"), null, NOON, new JdbcBudgetLedger(database));
        SpendBudget second = first.withLedger(new JdbcBudgetLedger(database));

        first.charge("acme/app#7", new BigDecimal("1.50"));

        assertThatThrownBy(() -> second.ensureAvailable("acme/app#7"))
                .hasMessage("model budget of $1.00 for pull request acme/app#7 reached ($1.50 spent);"
                        + " remaining hunks are declined");
        second.ensureAvailable("acme/app#8");
        assertThat(second.spentToday()).isEqualByComparingTo("1.50");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.truce.testing.SharedDatabases#engines")
    void spendOlderThanTheRetentionIsPruned(String engine, SharedDatabases.Fresh fresh) {
        JdbcBudgetLedger ledger = new JdbcBudgetLedger(fresh.create());
        ledger.add("acme", "acme/app#7", DAY.minusDays(100), BigDecimal.ONE);
        ledger.add("acme", "acme/app#7", DAY, BigDecimal.TEN);

        assertThat(ledger.forgetBefore(DAY.minusDays(90))).isOne();
        assertThat(ledger.spentOn("acme/app#7")).isEqualByComparingTo("10");
    }
}
