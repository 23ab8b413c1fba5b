package dev.truce.provider;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.truce.llm.ModelRequest;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import dev.truce.testing.TestResource;

/** A WireMock server standing in for a model provider, with the providers' documented payloads as fixtures. */
final class ProviderStub implements AutoCloseable {

    /** A made-up key: tests assert it never shows up in messages. */
    static final String API_KEY = "sk-test-made-up-0000";

    static final ModelRequest REQUEST = new ModelRequest("You resolve merge conflicts. Answer per hunk.",
            "File: src/main/java/App.java (Java)\n", "<hunk id=\"h1\">...</hunk>", List.of("h1"), 1024);

    static final OkHttpClient HTTP = new OkHttpClient();

    /**
     * A models file with one priced Claude model at the stub ({@code ${stub}}, see {@link #catalog}), its key read from
     * {@code TRUCE_TEST_KEY}; more top-level sections may follow.
     */
    static final String CLAUDE_MODELS = """
            models:
              claude:
                provider: anthropic
                base-url: ${stub}
                model: claude-sonnet-4-5
                api-key-env: TRUCE_TEST_KEY
                prices: {input: 3, cached-input: 0.3, output: 15}
            """;

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    ProviderStub() {
        server.start();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** Fast settings for tests: short timeouts and backoff, generous limits. */
    ModelSettings settings(ProviderKind kind, String path) {
        return ModelSettings.of("test-model", kind, baseUrl() + path, kind == ProviderKind.ANTHROPIC
                        ? "claude-sonnet-4-5" : kind == ProviderKind.OLLAMA ? "qwen2.5-coder:7b" : "gpt-4o")
                .withTimeouts(new ModelSettings.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))
                .withLimits(new ModelSettings.CallLimits(8, 1000))
                .withRetry(new ModelSettings.RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5), 10,
                        Duration.ofSeconds(30)));
    }

    OpenAiChatClient openAi(ModelSettings settings) {
        return new OpenAiChatClient(settings, HTTP, API_KEY, Clock.systemUTC());
    }

    /** Answers every Anthropic messages call with the documented success (86 uncached, 1920 cached, 300 output). */
    void answerAnthropicWithSuccess() {
        server.stubFor(WireMock.post("/v1/messages").willReturn(WireMock.okJson(fixture("anthropic/success.json"))));
    }

    /** A models file read as the App reads it, with {@code ${stub}} standing for this stub's address. */
    ModelCatalog catalog(String yaml, Map<String, String> environment) {
        return ModelCatalog.parse(new StringReader(yaml.replace("${stub}", baseUrl())), "models.yaml",
                environment::get, Clock.systemUTC());
    }

    List<LoggedRequest> requests() {
        return server.findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
    }

    static String fixture(String path) {
        return TestResource.text("/llm/" + path);
    }

    @Override
    public void close() {
        server.stop();
    }
}
