package dev.truce.llm;

/**
 * Tokens one call used, as the provider reported them.
 *
 * @param inputTokens       prompt tokens, including cached ones
 * @param cachedInputTokens prompt tokens served from the provider's prompt cache
 * @param outputTokens      generated tokens
 */
public record Usage(long inputTokens, long cachedInputTokens, long outputTokens) {

    /** No tokens (a replayed or declined call). */
    public static final Usage NONE = new Usage(0, 0, 0);

    /** The sum of two usages. */
    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, cachedInputTokens + other.cachedInputTokens,
                outputTokens + other.outputTokens);
    }
}
