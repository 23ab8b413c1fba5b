package dev.truce.provider;

import java.util.Locale;

/** The wire protocol a configured model speaks. */
public enum ProviderKind {
    /** OpenAI-compatible Chat Completions: OpenAI, vLLM, llama.cpp server, LM Studio, Ollama's {@code /v1}. */
    OPENAI,
    /** Anthropic Messages API. */
    ANTHROPIC,
    /** Ollama's native {@code /api/chat}. */
    OLLAMA;

    /** The kind named in a models file ({@code openai}, {@code anthropic}, {@code ollama}). */
    public static ProviderKind parse(String text) {
        for (ProviderKind kind : values()) {
            if (kind.name().equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + text + "'; use one of openai, anthropic, ollama");
    }

    /** The name as written in a models file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
