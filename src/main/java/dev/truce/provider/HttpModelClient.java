package dev.truce.provider;

import dev.truce.llm.ModelClient;
import dev.truce.llm.ModelException;
import dev.truce.llm.ModelReply;
import dev.truce.llm.ModelRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the three adapters share: one POST of a JSON body, HTTP failures turned into
 * {@link ProviderCallException}, and strict reading of the JSON answer. Each adapter makes exactly one HTTP call
 * per {@link #complete}; retries belong to {@link ResilientModelClient}.
 */
abstract class HttpModelClient implements ModelClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int MAX_DETAIL = 300;
    /** The public reason of an answer that is not the provider's documented shape. */
    static final String UNREADABLE = "the model provider's answer could not be read";

    final ModelSettings settings;
    private final OkHttpClient http;
    private final String apiKey;
    private final Clock clock;

    HttpModelClient(ModelSettings settings, OkHttpClient http, String apiKey, Clock clock) {
        this.settings = settings;
        this.http = http.newBuilder()
                .connectTimeout(settings.timeouts().connect())
                .callTimeout(settings.timeouts().call())
                .readTimeout(settings.timeouts().call())
                .build();
        this.apiKey = apiKey;
        this.clock = clock;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public int maxInputTokens() {
        return settings.maxInputTokens();
    }

    @Override
    public boolean isLocal() {
        return settings.local();
    }

    /** The endpoint this adapter posts to, under the base URL. */
    abstract String path();

    /** Adds the credentials; by default a bearer token, sent only when a key is configured. */
    void authenticate(Request.Builder request, String key) {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
    }

    /** The provider's request body for {@code request}. */
    abstract ObjectNode body(ModelRequest request);

    /**
     * The messages both chat APIs (OpenAI-compatible and Ollama's) take: the system prompt, then one user message
     * with the stable prefix first, which is what prefix caching reuses.
     */
    static void addChatMessages(ObjectNode body, ModelRequest request) {
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        messages.addObject().put("role", "user").put("content", request.stablePrefix() + request.content());
    }

    /** Maps the provider's answer; throws {@link ModelException} when it does not have the documented shape. */
    abstract ModelReply reply(JsonNode answer, Duration latency) throws ModelException;

    @Override
    public ModelReply complete(ModelRequest request) throws ModelException {
        Request.Builder http = new Request.Builder()
                .url(endpoint())
                .post(RequestBody.create(JSON.writeValueAsString(body(request)), JSON_TYPE));
        authenticate(http, apiKey);
        long start = System.nanoTime();
        String text;
        try (Response response = this.http.newCall(http.build()).execute()) {
            ResponseBody responseBody = response.body();
            text = responseBody == null ? "" : responseBody.string();
            if (!response.isSuccessful()) {
                throw ProviderCallException.status(describe(), response.code(),
                        RetryAfter.parse(response.header("Retry-After"), clock), errorDetail(text));
            }
        } catch (InterruptedIOException e) {
            throw ProviderCallException.timeout(describe(), settings.timeouts().call(), e);
        } catch (IOException e) {
            throw ProviderCallException.transport(describe(), e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new ModelException(describe() + " answered with malformed JSON: "
                    + redact(e.getOriginalMessage()), UNREADABLE, null);
        }
        if (answer == null || !answer.isObject()) {
            throw unexpected("a JSON object");
        }
        return reply(answer, Duration.ofNanos(System.nanoTime() - start));
    }

    private HttpUrl endpoint() {
        String base = settings.baseUrl().toString().replaceAll("/+$", "");
        HttpUrl url = HttpUrl.parse(base + path());
        if (url == null) {
            throw new IllegalArgumentException("model " + settings.name() + " has an invalid base URL: " + base);
        }
        return url;
    }

    /** "openai model 'gpt-4o' (local-name) at https://..." for messages: never the key. */
    final String describe() {
        return settings.provider().id() + " model " + settings.name() + " (" + settings.model() + ") at "
                + settings.baseUrl();
    }

    /** The provider's own error message, shortened and with the key removed in case the provider echoed it. */
    private String errorDetail(String body) {
        String detail = body;
        try {
            JsonNode error = JSON.readTree(body);
            JsonNode message = error.path("error").path("message");
            if (message.isString()) {
                detail = message.stringValue();
            } else if (error.path("error").isString()) {
                detail = error.path("error").stringValue();
            }
        } catch (JacksonException e) {
            // not JSON (a proxy's HTML page): keep the raw text
        }
        detail = redact(detail.strip());
        return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
    }

    final String redact(String text) {
        if (text == null || apiKey == null || apiKey.isEmpty()) {
            return text;
        }
        return text.replace(apiKey, "[redacted]");
    }

    final ModelException unexpected(String expected) {
        return new ModelException(describe() + " answered in an unexpected shape: expected " + expected, UNREADABLE,
                null);
    }

    /** The string at {@code node}, or a {@link ModelException} naming {@code where}. */
    final String requireString(JsonNode node, String where) throws ModelException {
        if (!node.isString()) {
            throw unexpected(where + " as a string");
        }
        return node.stringValue();
    }

    /** The count at {@code node}, 0 when absent; a {@link ModelException} when present but not a number. */
    final long count(JsonNode node, String where) throws ModelException {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber()) {
            throw unexpected(where + " as a whole number");
        }
        return node.asLong();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + describe() + "]";
    }
}
