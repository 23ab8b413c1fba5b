package dev.truce.provider;

import dev.truce.llm.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Token and cost accounting for a run: one entry per model call, and the totals. Thread-safe.
 */
final class CostMeter {

    /**
     * One call as it was charged.
     *
     * @param model the configured model name
     * @param usage tokens the provider reported
     * @param cost  estimated dollars
     */
    public record Charge(String model, Usage usage, BigDecimal cost) {
    }

    private final List<Charge> charges = new ArrayList<>();

    /** Records one call. */
    public synchronized void record(Charge charge) {
        charges.add(charge);
    }

    /** Every call so far, oldest first. */
    public synchronized List<Charge> charges() {
        return List.copyOf(charges);
    }

    /** Tokens used by all calls so far. */
    public synchronized Usage totalUsage() {
        return charges.stream().map(Charge::usage).reduce(Usage.NONE, Usage::plus);
    }

    /** Estimated dollars spent by all calls so far. */
    public synchronized BigDecimal totalCost() {
        return charges.stream().map(Charge::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
