package dev.truce.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import dev.truce.llm.Usage;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiChatClientTest {

    private final ProviderStub stub = new ProviderStub();
    private final OpenAiChatClient client = stub.openAi(stub.settings(ProviderKind.OPENAI, "/v1"));

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void sendsSystemAndUserMessagesAndMapsTheAnswerWithCachedTokens() throws ModelException {
        stub.server.stubFor(post("/v1/chat/completions").willReturn(okJson(ProviderStub.fixture("openai/success.json"))));

        ModelReply reply = client.complete(ProviderStub.REQUEST);

        stub.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + ProviderStub.API_KEY))
                .withRequestBody(equalToJson("""
                        {"model": "gpt-4o",
                         "messages": [
                           {"role": "system", "content": "You resolve merge conflicts. Answer per hunk."},
                           {"role": "user", "content": "File: src/main/java/App.java (Java)\\n<hunk id=\\"h1\\">...</hunk>"}],
                         "max_tokens": 1024,
                         "temperature": 0}""")));
        assertThat(reply.text()).startsWith("<hunk id=\"h1\">").contains("import java.util.Map;");
        assertThat(reply.usage()).isEqualTo(new Usage(2006, 1920, 300));
        assertThat(reply.truncated()).isFalse();
        assertThat(reply.refusal()).isNull();
        assertThat(reply.model()).isEqualTo("gpt-4o-2024-08-06");
    }

    @Test
    void usesMaxCompletionTokensOnOpenAiItself() {
        ModelSettings openAi = ModelSettings.of("gpt", ProviderKind.OPENAI, "https://api.openai.com/v1", "gpt-4o");
        var body = new OpenAiChatClient(openAi, ProviderStub.HTTP, null, Clock.systemUTC()).body(ProviderStub.REQUEST);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void sendsNoAuthorizationWithoutAKey() throws ModelException {
        stub.server.stubFor(post("/v1/chat/completions").willReturn(okJson(ProviderStub.fixture("openai/success.json"))));
        new OpenAiChatClient(stub.settings(ProviderKind.OPENAI, "/v1"), ProviderStub.HTTP, null, Clock.systemUTC())
                .complete(ProviderStub.REQUEST);
        stub.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization", absent()));
    }

    @Test
    void finishReasonLengthMeansTruncated() throws ModelException {
        stub.server.stubFor(post("/v1/chat/completions").willReturn(okJson(ProviderStub.fixture("openai/truncated.json"))));
        ModelReply reply = client.complete(ProviderStub.REQUEST);
        assertThat(reply.truncated()).isTrue();
        assertThat(reply.usage().outputTokens()).isEqualTo(16);
    }

    @Test
    void refusalIsReportedNotTakenAsAnAnswer() throws ModelException {
        stub.server.stubFor(post("/v1/chat/completions").willReturn(okJson(ProviderStub.fixture("openai/refusal.json"))));
        ModelReply reply = client.complete(ProviderStub.REQUEST);
        assertThat(reply.refusal()).isEqualTo("I'm sorry, I can't help with that request.");
        assertThat(reply.text()).isEmpty();
        assertThat(reply.usage().cachedInputTokens()).isZero();
    }

    @Test
    void malformedJsonIsAModelException() {
        stub.server.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"choices\": [")));
        assertThatThrownBy(() -> client.complete(ProviderStub.REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("test-model");
    }

    @Test
    void unexpectedShapeIsAModelException() {
        stub.server.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"object\": \"list\", \"data\": []}")));
        assertThatThrownBy(() -> client.complete(ProviderStub.REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("unexpected shape: expected choices[0].message");
    }

    @Test
    void rejectedKeyIsReportedWithoutTheKey() {
        stub.server.stubFor(post("/v1/chat/completions").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)
                        .withBody(ProviderStub.fixture("openai/invalid-api-key.json"))));
        assertThatThrownBy(() -> client.complete(ProviderStub.REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("Incorrect API key provided: [redacted]")
                .hasMessageNotContaining(ProviderStub.API_KEY);
        assertThat(client.toString()).doesNotContain(ProviderStub.API_KEY);
    }
}
