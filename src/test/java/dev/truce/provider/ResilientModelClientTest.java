package dev.truce.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.truce.llm.ModelClient;
import dev.truce.llm.ModelException;
import dev.truce.llm.ModelReply;
import dev.truce.llm.ModelRequest;
import dev.truce.llm.Usage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResilientModelClientTest {

    private static final String PATH = "/v1/chat/completions";

    private final ProviderStub stub = new ProviderStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    private ResilientModelClient resilient(ModelSettings settings) {
        return new ResilientModelClient(stub.openAi(settings), settings,
                ResilientModelClient.circuitBreaker(settings.endpoint(), settings.retry()));
    }

    private ModelSettings settings() {
        return stub.settings(ProviderKind.OPENAI, "/v1");
    }

    @Test
    void waitsWhatRetryAfterAsksThenSucceeds() throws ModelException {
        stub.server.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody(ProviderStub.fixture("openai/rate-limited.json")))
                .willSetStateTo("cleared"));
        stub.server.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs("cleared")
                .willReturn(okJson(ProviderStub.fixture("openai/success.json"))));

        long start = System.nanoTime();
        ModelReply reply = resilient(settings()).complete(ProviderStub.REQUEST);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stub.requests()).hasSize(2);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(950)); // base backoff is 10 ms
        assertThat(reply.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(reply.usage()).isEqualTo(new Usage(2006, 1920, 300));
    }

    @Test
    void doesNotRetryWhenRetryAfterIsLongerThanAllowed() {
        stub.server.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")
                .withBody(ProviderStub.fixture("openai/rate-limited.json"))));
        assertThatThrownBy(() -> resilient(settings()).complete(ProviderStub.REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("HTTP 429: Rate limit reached")
                .hasMessageContaining("(1 attempt)");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void retriesAServerErrorThenSucceeds() throws ModelException {
        stub.server.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody(ProviderStub.fixture("openai/server-error.json")))
                .willSetStateTo("recovered"));
        stub.server.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(ProviderStub.fixture("openai/success.json"))));

        assertThat(resilient(settings()).complete(ProviderStub.REQUEST).text()).contains("<hunk id=\"h1\">");
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void aClientErrorIsNotRetried() {
        stub.server.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\": {\"message\": \"max_tokens is too large\", \"type\": \"invalid_request_error\"}}")));
        assertThatThrownBy(() -> resilient(settings()).complete(ProviderStub.REQUEST))
                .hasMessageContaining("HTTP 400: max_tokens is too large");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void aSlowAnswerTimesOutEachAttemptAndFailsAfterAllAttempts() {
        ModelSettings settings = settings()
                .withTimeouts(new ModelSettings.Timeouts(Duration.ofSeconds(1), Duration.ofMillis(200)));
        stub.server.stubFor(post(PATH).willReturn(okJson(ProviderStub.fixture("openai/success.json"))
                .withFixedDelay(1_000)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> resilient(settings).complete(ProviderStub.REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("did not answer within the call timeout")
                .hasMessageContaining("(3 attempts)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void breakerOpensAfterRepeatedFailuresAndThenFailsFastWithoutCalling() {
        ModelSettings settings = settings().withRetry(
                new ModelSettings.RetryPolicy(2, Duration.ofMillis(5), Duration.ofSeconds(5), 4, Duration.ofMinutes(1)));
        stub.server.stubFor(post(PATH).willReturn(aResponse().withStatus(529)
                .withBody(ProviderStub.fixture("anthropic/overloaded.json"))));
        ResilientModelClient client = resilient(settings);

        assertThatThrownBy(() -> client.complete(ProviderStub.REQUEST)).hasMessageContaining("HTTP 529: Overloaded");
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThatThrownBy(() -> client.complete(ProviderStub.REQUEST)).hasMessageContaining("HTTP 529");
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(stub.requests()).hasSize(4);

        assertThatThrownBy(() -> client.complete(ProviderStub.REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("is unavailable")
                .hasMessageContaining("failed 4 attempts in a row");
        assertThat(stub.requests()).hasSize(4);
    }

    @Test
    void bulkheadKeepsConcurrentCallsWithinTheLimit() throws Exception {
        ModelSettings settings = settings().withLimits(new ModelSettings.CallLimits(2, 1000));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        ModelClient slow = new ModelClient() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public ModelReply complete(ModelRequest request) {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
                return new ModelReply("ok", false, null, Usage.NONE, Duration.ZERO, "slow");
            }
        };
        ResilientModelClient client = new ResilientModelClient(slow, settings,
                ResilientModelClient.circuitBreaker("slow", settings.retry()));

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<ModelReply>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(pool.submit(() -> client.complete(ProviderStub.REQUEST)));
            }
            for (Future<ModelReply> reply : replies) {
                assertThat(reply.get().text()).isEqualTo("ok");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mostInFlight.get()).isEqualTo(2);
    }

    @Test
    void rateLimiterHoldsBackCallsBeyondTheRate() throws ModelException {
        // one call per second, and no call may wait longer than its 200 ms timeout for a permit
        ModelSettings settings = settings()
                .withTimeouts(new ModelSettings.Timeouts(Duration.ofSeconds(1), Duration.ofMillis(200)))
                .withLimits(new ModelSettings.CallLimits(8, 1));
        stub.server.stubFor(post(PATH).willReturn(okJson(ProviderStub.fixture("openai/success.json"))));
        ResilientModelClient client = resilient(settings);

        client.complete(ProviderStub.REQUEST);
        assertThatThrownBy(() -> client.complete(ProviderStub.REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("is saturated");
        assertThat(stub.requests()).hasSize(1);
    }
}
