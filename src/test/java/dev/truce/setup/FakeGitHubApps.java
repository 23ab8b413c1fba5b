package dev.truce.setup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.truce.github.TestKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.truce.testing.TestResource;

/**
 * GitHub's side of the App manifest flow in WireMock: the web form that creates an App from a posted manifest and
 * sends the browser back to the manifest's redirect URL with a code and the state, and the API that converts the
 * code into the App (answer shaped as GitHub documents it, {@code github/api/app-manifest-conversion.json}, with a
 * generated key and secret).
 */
final class FakeGitHubApps implements AutoCloseable {

    static final String CODE = "a180b1a3d263c81bc6441d7b990bae27d4c10679";

    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    final String pem = TestKeys.generated().pkcs1Pem();
    final String webhookSecret = "whsec-" + UUID.randomUUID();
    final String clientSecret = "cs-" + UUID.randomUUID();

    FakeGitHubApps() throws IOException {
        server.start();
        String body = TestResource.text("/github/api/app-manifest-conversion.json")
                .replace("{{pem}}", pem.replace("\n", "\\n")).replace("{{webhook_secret}}", webhookSecret)
                .replace("{{client_secret}}", clientSecret);
        server.stubFor(post(urlPathEqualTo("/app-manifests/" + CODE + "/conversions"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(body)));
        server.stubFor(post(urlPathMatching("/app-manifests/.*/conversions")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Not Found\"}")));
    }

    /**
     * GitHub's "new App from manifest" page, after the person confirmed: back to {@code truce}'s callback with the
     * code and the state GitHub was given.
     */
    FakeGitHubApps redirectingTo(String truce) {
        server.stubFor(post(urlPathMatching("(/organizations/[^/]+)?/settings/apps/new"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", truce + "/setup/callback?code=" + CODE
                        + "&state={{request.query.state}}").withTransformers("response-template")));
        return this;
    }

    /** The API URL and the web URL: both this server. */
    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The manifests browsers posted to the "new App" form, parsed. */
    List<JsonNode> postedManifests() {
        return server.findAll(postRequestedFor(urlPathMatching(".*/settings/apps/new"))).stream()
                .map(FakeGitHubApps::manifest).toList();
    }

    /** Requests to convert a code. */
    List<LoggedRequest> conversions() {
        return server.findAll(postRequestedFor(urlPathMatching("/app-manifests/.*/conversions")));
    }

    private static JsonNode manifest(LoggedRequest request) {
        for (String field : request.getBodyAsString().split("&")) {
            if (field.startsWith("manifest=")) {
                return JsonMapper.builder().build().readTree(URLDecoder.decode(field.substring(9),
                        StandardCharsets.UTF_8));
            }
        }
        throw new AssertionError("no manifest field in " + request.getBodyAsString());
    }

    @Override
    public void close() {
        server.stop();
    }
}
