package dev.truce.provider;

import dev.truce.llm.ModelException;
import dev.truce.llm.ModelReply;
import dev.truce.llm.ModelRequest;
import dev.truce.llm.Usage;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI-compatible Chat Completions ({@code POST {baseUrl}/chat/completions}): OpenAI itself, vLLM, llama.cpp
 * server, LM Studio and Ollama's {@code /v1}. The system prompt is the system message; the stable prefix and the
 * content are one user message, prefix first, which is what automatic prefix caching (OpenAI, vLLM) reuses.
 */
final class OpenAiChatClient extends HttpModelClient {

    /** A client for {@code settings}; {@code apiKey} may be {@code null} for servers without authentication. */
    public OpenAiChatClient(ModelSettings settings, OkHttpClient http, String apiKey, Clock clock) {
        super(settings, http, apiKey, clock);
    }

    @Override
    String path() {
        return "/chat/completions";
    }

    @Override
    ObjectNode body(ModelRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        addChatMessages(body, request);
        // OpenAI's own API deprecated max_tokens (reasoning models reject it); compatible servers know max_tokens
        body.put(isOpenAiItself() ? "max_completion_tokens" : "max_tokens", request.maxOutputTokens());
        body.put("temperature", 0);
        return body;
    }

    private boolean isOpenAiItself() {
        return "api.openai.com".equalsIgnoreCase(settings.baseUrl().getHost());
    }

    @Override
    ModelReply reply(JsonNode answer, Duration latency) throws ModelException {
        JsonNode choice = answer.path("choices").path(0);
        if (!choice.isObject() || !choice.path("message").isObject()) {
            throw unexpected("choices[0].message");
        }
        JsonNode message = choice.path("message");
        String refusal = message.path("refusal").isString() ? message.path("refusal").stringValue() : null;
        String text = message.path("content").isNull() || message.path("content").isMissingNode()
                ? ""
                : requireString(message.path("content"), "choices[0].message.content");
        if (refusal == null && text.isEmpty() && !"length".equals(choice.path("finish_reason").asString(""))) {
            throw unexpected("choices[0].message.content or refusal");
        }
        JsonNode usage = answer.path("usage");
        Usage tokens = new Usage(count(usage.path("prompt_tokens"), "usage.prompt_tokens"),
                count(usage.path("prompt_tokens_details").path("cached_tokens"),
                        "usage.prompt_tokens_details.cached_tokens"),
                count(usage.path("completion_tokens"), "usage.completion_tokens"));
        boolean truncated = "length".equals(choice.path("finish_reason").asString(""));
        return new ModelReply(text, truncated, refusal, tokens, latency,
                answer.path("model").asString(settings.model()));
    }
}
