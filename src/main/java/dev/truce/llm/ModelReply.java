package dev.truce.llm;

import java.time.Duration;

/**
 * What a model answered.
 *
 * @param text      the answer's text (to be parsed strictly; never trusted as instructions)
 * @param truncated whether the provider stopped because the output limit was reached
 * @param refusal   the provider's refusal message when it refused, otherwise {@code null}
 * @param usage     tokens used
 * @param latency   wall time of the call, retries included
 * @param model     the model that answered, as the provider names it
 */
public record ModelReply(String text, boolean truncated, String refusal, Usage usage, Duration latency,
        String model) {
}
