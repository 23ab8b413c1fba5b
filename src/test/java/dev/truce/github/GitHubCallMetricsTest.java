package dev.truce.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Every GitHub call counted by method and status class, and the rate limit GitHub reports, per resource. */
class GitHubCallMetricsTest {

    private final WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OkHttpClient http = new OkHttpClient.Builder().addInterceptor(new GitHubCallMetrics(registry))
            .build();

    @AfterEach
    void stop() {
        github.stop();
    }

    @Test
    void calls_are_counted_by_status_class_and_the_latest_remaining_limit_is_reported() throws Exception {
        github.start();
        github.stubFor(get("/repos/o/r").willReturn(aResponse().withStatus(200).withHeader("X-RateLimit-Remaining",
                "4999").withHeader("X-RateLimit-Resource", "core")));
        github.stubFor(get("/graphql-ish").willReturn(aResponse().withStatus(200)
                .withHeader("X-RateLimit-Remaining", "12").withHeader("X-RateLimit-Resource", "graphql")));
        github.stubFor(get("/limited").willReturn(aResponse().withStatus(403).withHeader("X-RateLimit-Remaining",
                "0").withHeader("X-RateLimit-Resource", "core")));
        github.stubFor(get("/broken").willReturn(aResponse().withStatus(502)));

        call("/repos/o/r");
        call("/repos/o/r");
        call("/graphql-ish");
        call("/broken");
        call("/limited");

        assertThat(count("GET", "2xx")).isEqualTo(3);
        assertThat(count("GET", "5xx")).isEqualTo(1);
        assertThat(count("GET", "rate_limited")).isEqualTo(1);
        assertThat(remaining("core")).as("the latest answer's").isZero();
        assertThat(remaining("graphql")).isEqualTo(12);
    }

    @Test
    void a_call_that_never_got_an_answer_is_an_io_error() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Request request = new Request.Builder().url("http://127.0.0.1:" + closed + "/repos/o/r").build();

        assertThatThrownBy(() -> http.newCall(request).execute()).isInstanceOf(IOException.class);
        assertThat(count("GET", "io_error")).isEqualTo(1);
    }

    private void call(String path) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(github.baseUrl() + path).build())
                .execute()) {
            response.body().string();
        }
    }

    private long count(String method, String status) {
        var timer = registry.find(GitHubCallMetrics.REQUESTS).tags("method", method, "status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    private double remaining(String resource) {
        return registry.find(GitHubCallMetrics.RATE_LIMIT_REMAINING).tag("resource", resource).gauge().value();
    }
}
