package dev.truce.llm;

/**
 * A language model as the engine sees it. Provider adapters (OpenAI-compatible, Anthropic, Ollama), record and
 * replay, and resilience decorators implement it; the engine knows nothing else about providers.
 */
public interface ModelClient {

    /** The configured name of this model, as users select it ({@code --model NAME}). */
    String name();

    /** Whether the model runs on infrastructure the user controls (a repository may allow only local models). */
    boolean isLocal();

    /** What this model's calls are estimated to cost; {@link CostModel#UNKNOWN} unless prices are configured. */
    default CostModel costModel() {
        return CostModel.UNKNOWN;
    }

    /**
     * How many input tokens one request to this model may have (its context window as configured, the models file's
     * {@code max-input-tokens}), or 0 for the default budget of small local models.
     */
    default int maxInputTokens() {
        return 0;
    }

    /**
     * Sends one request.
     *
     * @throws ModelException when no answer could be had (after retries); the request's hunks are then declined
     */
    ModelReply complete(ModelRequest request) throws ModelException;
}
