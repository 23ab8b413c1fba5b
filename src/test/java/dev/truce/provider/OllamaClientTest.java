package dev.truce.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

class OllamaClientTest {

    private final ProviderStub stub = new ProviderStub();
    private final OllamaClient client = new OllamaClient(stub.settings(ProviderKind.OLLAMA, ""), ProviderStub.HTTP,
            null, Clock.systemUTC());

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void sendsANonStreamedChatWithOptionsAndMapsCounts() throws ModelException {
        stub.server.stubFor(post("/api/chat").willReturn(okJson(ProviderStub.fixture("ollama/success.json"))));

        ModelReply reply = client.complete(ProviderStub.REQUEST);

        stub.server.verify(postRequestedFor(urlEqualTo("/api/chat"))
                .withHeader("Authorization", absent())
                .withRequestBody(equalToJson("""
                        {"model": "qwen2.5-coder:7b",
                         "messages": [
                           {"role": "system", "content": "You resolve merge conflicts. Answer per hunk."},
                           {"role": "user", "content": "File: src/main/java/App.java (Java)\\n<hunk id=\\"h1\\">...</hunk>"}],
                         "stream": false,
                         "options": {"num_predict": 1024, "temperature": 0}}""")));
        assertThat(reply.text()).contains("import java.util.Map;");
        assertThat(reply.usage()).isEqualTo(new Usage(2006, 0, 300));
        assertThat(reply.truncated()).isFalse();
        assertThat(client.isLocal()).isTrue();
    }

    @Test
    void doneReasonLengthMeansTruncated() throws ModelException {
        stub.server.stubFor(post("/api/chat").willReturn(okJson(ProviderStub.fixture("ollama/length.json"))));
        assertThat(client.complete(ProviderStub.REQUEST).truncated()).isTrue();
    }

    @Test
    void missingModelIsReportedWithOllamasMessage() {
        stub.server.stubFor(post("/api/chat").willReturn(aResponse().withStatus(404)
                .withBody(ProviderStub.fixture("ollama/model-not-found.json"))));
        assertThatThrownBy(() -> client.complete(ProviderStub.REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("HTTP 404: model \"qwen2.5-coder:7b\" not found, try pulling it first");
    }

    @Test
    void malformedJsonIsAModelException() {
        stub.server.stubFor(post("/api/chat").willReturn(okJson("{\"model\": \"qwen2.5-coder:7b\", \"message\": ")));
        assertThatThrownBy(() -> client.complete(ProviderStub.REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("malformed JSON");
    }
}
