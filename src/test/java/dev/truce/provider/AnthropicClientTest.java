package dev.truce.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.truce.llm.ModelException;
import dev.truce.llm.ModelReply;
import dev.truce.llm.ModelRequest;
import dev.truce.llm.Usage;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicClientTest {

    private final ProviderStub stub = new ProviderStub();
    private final AnthropicClient client = new AnthropicClient(stub.settings(ProviderKind.ANTHROPIC, ""),
            ProviderStub.HTTP, ProviderStub.API_KEY, Clock.systemUTC());

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void cachesSystemAndStablePrefixAndCountsCacheReadsAsInput() throws ModelException {
        stub.answerAnthropicWithSuccess();

        ModelReply reply = client.complete(ProviderStub.REQUEST);

        stub.server.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(ProviderStub.API_KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withRequestBody(equalToJson("""
                        {"model": "claude-sonnet-4-5",
                         "max_tokens": 1024,
                         "temperature": 0,
                         "system": [{"type": "text", "text": "You resolve merge conflicts. Answer per hunk.",
                                     "cache_control": {"type": "ephemeral"}}],
                         "messages": [{"role": "user", "content": [
                           {"type": "text", "text": "File: src/main/java/App.java (Java)\\n",
                            "cache_control": {"type": "ephemeral"}},
                           {"type": "text", "text": "<hunk id=\\"h1\\">...</hunk>"}]}]}""")));
        assertThat(reply.text()).startsWith("<hunk id=\"h1\">");
        assertThat(reply.usage()).isEqualTo(new Usage(86 + 1920, 1920, 300));
        assertThat(reply.truncated()).isFalse();
        assertThat(reply.refusal()).isNull();
        assertThat(reply.model()).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void withoutStablePrefixTheContentIsTheOnlyBlockAndUncached() throws ModelException {
        stub.answerAnthropicWithSuccess();
        client.complete(new ModelRequest("sys", "", "<hunk id=\"h1\">...</hunk>", List.of("h1"), 64));
        stub.server.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson("""
                {"messages": [{"role": "user", "content": [{"type": "text", "text": "<hunk id=\\"h1\\">...</hunk>"}]}]}
                """, true, true)));
    }

    @Test
    void maxTokensStopMeansTruncatedAndCacheWritesCountAsInput() throws ModelException {
        stub.server.stubFor(post("/v1/messages").willReturn(okJson(ProviderStub.fixture("anthropic/max-tokens.json"))));
        ModelReply reply = client.complete(ProviderStub.REQUEST);
        assertThat(reply.truncated()).isTrue();
        assertThat(reply.usage()).isEqualTo(new Usage(86 + 1920, 0, 16));
    }

    @Test
    void refusalStopReasonIsARefusal() throws ModelException {
        stub.server.stubFor(post("/v1/messages").willReturn(okJson(ProviderStub.fixture("anthropic/refusal.json"))));
        ModelReply reply = client.complete(ProviderStub.REQUEST);
        assertThat(reply.refusal()).contains("refused");
        assertThat(reply.text()).isEmpty();
    }

    @Test
    void missingContentIsAnUnexpectedShape() {
        stub.server.stubFor(post("/v1/messages").willReturn(okJson("{\"type\": \"message\", \"usage\": {}}")));
        assertThatThrownBy(() -> client.complete(ProviderStub.REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("expected content as an array of blocks")
                .hasMessageNotContaining(ProviderStub.API_KEY);
    }
}
