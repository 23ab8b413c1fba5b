package dev.truce.provider;

import dev.truce.llm.ModelException;
import dev.truce.llm.ModelReply;
import dev.truce.llm.ModelRequest;
import dev.truce.llm.Usage;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic Messages API ({@code POST {baseUrl}/v1/messages}, version 2023-06-01). The system prompt and the
 * stable prefix each end with a {@code cache_control: ephemeral} breakpoint, so requests about the same file reuse
 * both from Anthropic's prompt cache; only the content after them is new.
 */
final class AnthropicClient extends HttpModelClient {

    static final String API_VERSION = "2023-06-01";

    /** A client for {@code settings}; Anthropic requires {@code apiKey}. */
    public AnthropicClient(ModelSettings settings, OkHttpClient http, String apiKey, Clock clock) {
        super(settings, http, apiKey, clock);
    }

    @Override
    String path() {
        return "/v1/messages";
    }

    @Override
    void authenticate(Request.Builder request, String key) {
        if (key != null) {
            request.header("x-api-key", key);
        }
        request.header("anthropic-version", API_VERSION);
    }

    @Override
    ObjectNode body(ModelRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        body.put("max_tokens", request.maxOutputTokens());
        body.put("temperature", 0);
        if (!request.system().isEmpty()) {
            cached(body.putArray("system").addObject(), request.system());
        }
        ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
        if (!request.stablePrefix().isEmpty()) {
            cached(content.addObject(), request.stablePrefix());
        }
        content.addObject().put("type", "text").put("text", request.content());
        return body;
    }

    private static void cached(ObjectNode block, String text) {
        block.put("type", "text").put("text", text);
        block.putObject("cache_control").put("type", "ephemeral");
    }

    @Override
    ModelReply reply(JsonNode answer, Duration latency) throws ModelException {
        JsonNode blocks = answer.path("content");
        if (!blocks.isArray()) {
            throw unexpected("content as an array of blocks");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : blocks) {
            if ("text".equals(block.path("type").asString(""))) {
                text.append(requireString(block.path("text"), "content[].text"));
            }
        }
        String stopReason = answer.path("stop_reason").asString("");
        String refusal = null;
        if ("refusal".equals(stopReason)) {
            refusal = text.isEmpty() ? "the model refused to answer (stop_reason: refusal)" : text.toString();
        }
        JsonNode usage = answer.path("usage");
        if (!usage.isObject()) {
            throw unexpected("usage");
        }
        long uncached = count(usage.path("input_tokens"), "usage.input_tokens");
        long cacheRead = count(usage.path("cache_read_input_tokens"), "usage.cache_read_input_tokens");
        long cacheWrite = count(usage.path("cache_creation_input_tokens"), "usage.cache_creation_input_tokens");
        // Anthropic's input_tokens excludes both cache reads and cache writes; Usage counts all prompt tokens
        Usage tokens = new Usage(uncached + cacheRead + cacheWrite, cacheRead,
                count(usage.path("output_tokens"), "usage.output_tokens"));
        return new ModelReply(text.toString(), "max_tokens".equals(stopReason), refusal, tokens, latency,
                answer.path("model").asString(settings.model()));
    }
}
