package dev.truce.provider;

import dev.truce.llm.CostModel;
import dev.truce.llm.ModelClient;
import dev.truce.llm.ModelException;
import dev.truce.llm.ModelReply;
import dev.truce.llm.ModelRequest;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Charges every call to a {@link CostMeter} and a {@link SpendBudget}, and refuses calls once the budget is spent.
 * Wraps the {@link ResilientModelClient}, so a request is checked once, not per retry.
 */
final class MeteredModelClient extends ForwardingModelClient {

    private final Prices prices;
    private final SpendBudget budget;
    private final String pullRequest;
    private final CostMeter meter;
    private final ModelMetrics metrics;

    /**
     * @param delegate    the client that makes the call
     * @param prices      the model's prices
     * @param budget      the shared budget
     * @param pullRequest the pull request the calls are for ({@code owner/repo#12}), or {@code null}
     * @param meter       where each call is recorded
     */
    public MeteredModelClient(ModelClient delegate, Prices prices, SpendBudget budget, String pullRequest,
            CostMeter meter) {
        this(delegate, prices, budget, pullRequest, meter, ModelMetrics.NONE);
    }

    MeteredModelClient(ModelClient delegate, Prices prices, SpendBudget budget, String pullRequest, CostMeter meter,
            ModelMetrics metrics) {
        super(delegate);
        this.metrics = metrics;
        this.prices = prices;
        this.budget = budget;
        this.pullRequest = pullRequest;
        this.meter = meter;
    }

    /** The configured prices, in dollars per call. */
    @Override
    public CostModel costModel() {
        return usage -> prices.cost(usage).doubleValue();
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelException {
        long start = System.nanoTime();
        try {
            budget.ensureAvailable(pullRequest);
        } catch (ModelException spent) {
            metrics.failed(name(), true, Duration.ofNanos(System.nanoTime() - start));
            throw spent;
        }
        ModelReply reply;
        try {
            reply = delegate.complete(request);
        } catch (ModelException e) {
            metrics.failed(name(), false, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
        BigDecimal cost = prices.cost(reply.usage());
        meter.record(new CostMeter.Charge(name(), reply.usage(), cost));
        metrics.answered(name(), reply.usage(), cost, Duration.ofNanos(System.nanoTime() - start));
        budget.charge(pullRequest, cost);
        return reply;
    }

    @Override
    public String toString() {
        return "MeteredModelClient[" + delegate + "]";
    }
}
