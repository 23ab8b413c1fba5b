package dev.truce.provider;

import dev.truce.llm.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a model costs, in US dollars per million tokens. Cached input is what the provider charges for prompt
 * tokens served from its cache; cache writes (Anthropic charges them at a premium) are priced as plain input.
 *
 * @param inputPerMillion       uncached prompt tokens
 * @param cachedInputPerMillion prompt tokens read from the provider's cache
 * @param outputPerMillion      generated tokens
 */
public record Prices(BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion) {

    /** A model that costs nothing (a local one). */
    public static final Prices FREE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public Prices {
        for (BigDecimal price : new BigDecimal[] {inputPerMillion, cachedInputPerMillion, outputPerMillion}) {
            if (price == null || price.signum() < 0) {
                throw new IllegalArgumentException("prices must be zero or more dollars per million tokens");
            }
        }
    }

    /** Prices given as plain numbers. */
    public static Prices of(double input, double cachedInput, double output) {
        return new Prices(BigDecimal.valueOf(input), BigDecimal.valueOf(cachedInput), BigDecimal.valueOf(output));
    }

    /** The estimated cost of one call, in dollars (to a millionth of a dollar). */
    public BigDecimal cost(Usage usage) {
        long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens());
        BigDecimal micro = inputPerMillion.multiply(BigDecimal.valueOf(uncached))
                .add(cachedInputPerMillion.multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens())));
        return micro.divide(MILLION, 6, RoundingMode.HALF_UP);
    }
}
