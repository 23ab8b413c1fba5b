package dev.truce.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.truce.llm.ModelClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Model calls as an operator watches them: outcome and latency, tokens, cost, and the provider's breaker. */
class ModelMetricsTest {

    private final ProviderStub stub = new ProviderStub();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        stub.close();
    }

    private ModelCatalog catalog(String yaml) {
        return catalog(yaml, registry);
    }

    private ModelCatalog catalog(String yaml, SimpleMeterRegistry meters) {
        return stub.catalog(yaml, Map.of("TRUCE_TEST_KEY", ProviderStub.API_KEY)).withMeterRegistry(meters);
    }

    @Test
    void an_answered_call_counts_its_tokens_and_cost_by_model() throws Exception {
        stub.answerAnthropicWithSuccess();
        ModelClient client = catalog(ProviderStub.CLAUDE_MODELS).client("claude", "acme/app#7");

        client.complete(ProviderStub.REQUEST);

        assertThat(registry.find(ModelMetrics.CALLS).tags("model", "claude", "outcome", "ok").timer().count())
                .isEqualTo(1);
        assertThat(registry.find(ModelMetrics.TOKENS).tags("model", "claude", "kind", "output").counter().count())
                .isEqualTo(300);
        assertThat(registry.find(ModelMetrics.TOKENS).tags("model", "claude", "kind", "cached_input").counter()
                .count()).isEqualTo(1920);
        assertThat(registry.find(ModelMetrics.COST).tag("model", "claude").counter().count())
                .isEqualTo(0.005334, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(registry.find(ModelMetrics.BREAKER).tags("state", "closed").gauge().value()).isEqualTo(1);
    }

    @Test
    void failures_open_the_breaker_and_a_spent_budget_is_counted_apart() throws Exception {
        stub.server.stubFor(post("/v1/chat/completions").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.serverError()));
        ModelCatalog catalog = catalog("""
                models:
                  small: {provider: openai, base-url: "${stub}/v1", model: small,
                      retry: {max-attempts: 1, breaker-failures: 2}}
                budget:
                  per-day: 0
                """);
        ModelClient small = catalog.client("small");

        assertThatThrownBy(() -> small.complete(ProviderStub.REQUEST)).hasMessageContaining("budget");
        assertThat(registry.find(ModelMetrics.CALLS).tags("model", "small", "outcome", "budget_spent").timer()
                .count()).isEqualTo(1);

        // A process has one catalog; the second one here reports to its own registry.
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        ModelCatalog unlimited = catalog("""
                models:
                  small: {provider: openai, base-url: "${stub}/v1", model: small,
                      retry: {max-attempts: 1, breaker-failures: 2}}
                """, second);
        ModelClient client = unlimited.client("small");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.complete(ProviderStub.REQUEST)).hasMessageContaining("HTTP 500");
        }
        assertThat(second.find(ModelMetrics.CALLS).tags("model", "small", "outcome", "error").timer().count())
                .isEqualTo(2);
        String endpoint = unlimited.models().get("small").endpoint();
        assertThat(second.find(ModelMetrics.BREAKER).tags("endpoint", endpoint, "state", "open").gauges())
                .anySatisfy(g -> assertThat(g.value()).isEqualTo(1));
    }
}
