package dev.truce.provider;

import dev.truce.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.truce.llm.ModelClient;
import dev.truce.llm.ModelException;
import dev.truce.llm.ModelReply;
import dev.truce.llm.ModelRequest;
import dev.truce.llm.Usage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpendBudgetTest {

    /** $3/M input, $0.30/M cached input, $15/M output. */
    private static final Prices PRICES = Prices.of(3.00, 0.30, 15.00);

    @Test
    void pricesUncachedCachedAndOutputTokensSeparately() {
        // 1000 uncached × $3/M + 1,000,000 cached × $0.30/M + 2000 output × $15/M = 0.003 + 0.30 + 0.03
        assertThat(PRICES.cost(new Usage(1_001_000, 1_000_000, 2_000))).isEqualByComparingTo("0.333");
    }

    @Test
    void dailyBudgetRefusesFurtherCallsOnceSpentAndSaysHowMuch() throws ModelException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T23:00:00Z"));
        SpendBudget budget = new SpendBudget(null, new BigDecimal("5.00"), clock);
        CostMeter meter = new CostMeter();
        CountingModel model = new CountingModel(new Usage(0, 0, 167_000)); // $2.505 of output per call
        ModelClient metered = new MeteredModelClient(model, PRICES, budget, "acme/app#7", meter);

        metered.complete(ProviderStub.REQUEST);
        metered.complete(ProviderStub.REQUEST);
        assertThatThrownBy(() -> metered.complete(ProviderStub.REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessage("daily model budget of $5.00 reached ($5.01 spent); remaining hunks are declined");
        assertThat(model.calls.get()).isEqualTo(2);
        assertThat(meter.charges()).hasSize(2);
        assertThat(meter.totalUsage().outputTokens()).isEqualTo(334_000);
        assertThat(meter.totalCost()).isEqualByComparingTo("5.01");

        clock.set(Instant.parse("2026-11-22T00:00:01Z"));
        metered.complete(ProviderStub.REQUEST);
        assertThat(model.calls.get()).isEqualTo(3);
    }

    @Test
    void pullRequestBudgetStopsOnlyThatPullRequest() throws ModelException {
        SpendBudget budget = new SpendBudget(new BigDecimal("1.00"), null, Clock.systemUTC());
        CountingModel model = new CountingModel(new Usage(0, 0, 100_000)); // $1.50 per call
        ModelClient first = new MeteredModelClient(model, PRICES, budget, "acme/app#7", new CostMeter());
        ModelClient second = new MeteredModelClient(model, PRICES, budget, "acme/app#8", new CostMeter());

        first.complete(ProviderStub.REQUEST);
        assertThatThrownBy(() -> first.complete(ProviderStub.REQUEST))
                .hasMessage("model budget of $1.00 for pull request acme/app#7 reached ($1.50 spent);"
                        + " remaining hunks are declined");
        second.complete(ProviderStub.REQUEST);
        assertThat(model.calls.get()).isEqualTo(2);
        assertThat(budget.spentToday()).isEqualByComparingTo("3.00");
    }

    @Test
    void oneInstallationsDailyBudgetStopsOnlyThatInstallationAndItsPullRequestLimitIsTheLowerOne()
            throws ModelException {
        SpendBudget shared = new SpendBudget(new BigDecimal("10.00"), new BigDecimal("100.00"), Clock.systemUTC());
        SpendBudget acme = shared.forAccount("Acme", new BigDecimal("2.00"), new BigDecimal("1.00"));
        SpendBudget other = shared.forAccount("other", null, null);
        CountingModel model = new CountingModel(new Usage(0, 0, 100_000)); // $1.50 per call
        ModelClient acmeFirst = new MeteredModelClient(model, PRICES, acme, "Acme/app#7", new CostMeter());
        ModelClient acmeSecond = new MeteredModelClient(model, PRICES, acme, "Acme/app#8", new CostMeter());
        ModelClient otherClient = new MeteredModelClient(model, PRICES, other, "other/app#1", new CostMeter());

        acmeFirst.complete(ProviderStub.REQUEST);
        assertThatThrownBy(() -> acmeFirst.complete(ProviderStub.REQUEST)).hasMessageContaining("$1.00 for pull request");
        acmeSecond.complete(ProviderStub.REQUEST);
        assertThatThrownBy(() -> acmeSecond.complete(ProviderStub.REQUEST))
                .hasMessage("daily model budget of $2.00 for installation acme reached ($3.00 spent);"
                        + " remaining hunks are declined");
        otherClient.complete(ProviderStub.REQUEST);
        otherClient.complete(ProviderStub.REQUEST);

        assertThat(model.calls.get()).isEqualTo(4);
        assertThat(shared.spentToday()).isEqualByComparingTo("6.00");
    }

    private static final class CountingModel implements ModelClient {
        final AtomicInteger calls = new AtomicInteger();
        final Usage usage;

        CountingModel(Usage usage) {
            this.usage = usage;
        }

        @Override
        public String name() {
            return "hosted";
        }

        @Override
        public boolean isLocal() {
            return false;
        }

        @Override
        public ModelReply complete(ModelRequest request) {
            calls.incrementAndGet();
            return new ModelReply("ok", false, null, usage, Duration.ZERO, "hosted");
        }
    }
}
