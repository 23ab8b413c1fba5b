package dev.truce.provider;

import java.math.BigDecimal;
import java.time.Duration;

import dev.truce.llm.Usage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The model calls' meters (Prometheus names in docs/operations.md), by the configured model name:
 * {@value #CALLS}, a timer with {@code outcome} (ok, error, budget_spent), retries included;
 * {@value #TOKENS} by {@code kind} (input, cached_input, output) as the provider reported them;
 * {@value #COST}, the estimated dollars; and {@value #BREAKER} per provider endpoint and {@code state}: 1 for the
 * breaker's current state, 0 for the others.
 */
final class ModelMetrics {

    static final String CALLS = "truce.model.calls";
    static final String TOKENS = "truce.model.tokens";
    static final String COST = "truce.model.cost";
    static final String BREAKER = "truce.model.breaker.state";

    /** Records nothing (the command line). */
    static final ModelMetrics NONE = new ModelMetrics(null);

    private final MeterRegistry registry;

    ModelMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A call that returned an answer. */
    void answered(String model, Usage usage, BigDecimal cost, Duration took) {
        if (registry == null) {
            return;
        }
        call(model, "ok", took);
        tokens(model, "input", usage.inputTokens());
        tokens(model, "cached_input", usage.cachedInputTokens());
        tokens(model, "output", usage.outputTokens());
        Counter.builder(COST).description("Estimated cost of model calls").baseUnit("dollars").tag("model", model)
                .register(registry).increment(cost.doubleValue());
    }

    /**
     * A call that failed or was refused.
     *
     * @param budgetSpent whether a budget refused it before it was made
     */
    void failed(String model, boolean budgetSpent, Duration took) {
        if (registry != null) {
            call(model, budgetSpent ? "budget_spent" : "error", took);
        }
    }

    /** Reports the breaker of one provider endpoint. */
    void breaker(String endpoint, CircuitBreaker breaker) {
        if (registry == null) {
            return;
        }
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder(BREAKER, breaker, b -> b.getState() == state ? 1 : 0)
                    .description("The model provider's circuit breaker: 1 for its current state")
                    .tag("endpoint", endpoint).tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
    }

    private void call(String model, String outcome, Duration took) {
        Timer.builder(CALLS).description("Model calls by model and outcome, retries included").tag("model", model)
                .tag("outcome", outcome).register(registry).record(took);
    }

    private void tokens(String model, String kind, long count) {
        Counter.builder(TOKENS).description("Tokens of model calls as the provider reported them")
                .tag("model", model).tag("kind", kind).register(registry).increment(count);
    }
}
