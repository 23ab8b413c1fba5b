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
 * Ollama's native chat API ({@code POST {baseUrl}/api/chat}, not streamed). Ollama reports no cached tokens;
 * it reuses the prompt prefix of the previous request on its own.
 */
final class OllamaClient extends HttpModelClient {

    /** A client for {@code settings}; {@code apiKey} is only sent (as a bearer token) when a proxy needs one. */
    public OllamaClient(ModelSettings settings, OkHttpClient http, String apiKey, Clock clock) {
        super(settings, http, apiKey, clock);
    }

    @Override
    String path() {
        return "/api/chat";
    }

    @Override
    ObjectNode body(ModelRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        addChatMessages(body, request);
        body.put("stream", false);
        body.putObject("options").put("num_predict", request.maxOutputTokens()).put("temperature", 0);
        return body;
    }

    @Override
    ModelReply reply(JsonNode answer, Duration latency) throws ModelException {
        if (answer.path("error").isString()) {
            throw new ModelException(describe() + " reported an error: " + redact(answer.path("error").stringValue()),
                    "the model provider answered with an error", null);
        }
        String text = requireString(answer.path("message").path("content"), "message.content");
        Usage tokens = new Usage(count(answer.path("prompt_eval_count"), "prompt_eval_count"), 0,
                count(answer.path("eval_count"), "eval_count"));
        return new ModelReply(text, "length".equals(answer.path("done_reason").asString("")), null, tokens,
                latency, answer.path("model").asString(settings.model()));
    }
}
