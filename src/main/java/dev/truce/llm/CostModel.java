package dev.truce.llm;

/** Estimates what a call cost from its usage; {@link #UNKNOWN} when the model's prices are not configured. */
@FunctionalInterface
public interface CostModel {

    /** Prices not known: every call is reported at 0. */
    CostModel UNKNOWN = usage -> 0;

    /** The estimated cost, in the currency the prices are configured in. */
    double estimate(Usage usage);
}
