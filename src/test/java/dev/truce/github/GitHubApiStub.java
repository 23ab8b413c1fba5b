package dev.truce.github;

import dev.truce.testing.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import okhttp3.OkHttpClient;
import dev.truce.testing.TestResource;

/**
 * WireMock playing GitHub's REST API with fixtures from {@code src/test/resources/github/api}, and a gateway wired to
 * it. Reads like the scenario: {@code github.issuesTokens().hasRepository().answers("GET", "/pulls/1347", 200, ...)}.
 */
final class GitHubApiStub implements AutoCloseable {

    static final long APP_ID = 42;
    static final long INSTALLATION = 1;
    static final RepoRef REPO = new RepoRef(INSTALLATION, "octocat", "Hello-World");
    static final String REPO_PATH = "/repos/octocat/Hello-World";
    /** Another repository of the same installation. */
    static final RepoRef OTHER_REPO = new RepoRef(INSTALLATION, "octocat", "Spoon-Knife");
    static final String OTHER_REPO_PATH = "/repos/octocat/Spoon-Knife";
    /** An hour before the fixture token's expires_at (2016-07-11T22:14:10Z). */
    static final Instant NOW = Instant.parse("2016-07-11T21:14:10Z");
    static final String TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
    static final String RENEWED_TOKEN = "ghs_2ndRenewedTokenAfterTheFirstExpired0001";
    static final String OTHER_REPO_TOKEN = "ghs_OtherRepositoryOfTheSameInstallation01";

    final WireMockServer server;
    final String prefix;
    final MutableClock clock = new MutableClock(NOW);

    private GitHubApiStub(String prefix) {
        this.prefix = prefix;
        this.server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    /** GitHub.com's API shape at the server's root. */
    static GitHubApiStub start() {
        return new GitHubApiStub("");
    }

    /** GitHub Enterprise Server's API shape: everything under {@code /api/v3}. */
    static GitHubApiStub startEnterprise() {
        return new GitHubApiStub("/api/v3");
    }

    URI apiUrl() {
        return URI.create("http://localhost:" + server.port() + prefix);
    }

    /** A gateway for App 42 signing with {@code pem}, waiting out rate limits of up to 5 seconds. */
    Hub4jGitHub gateway(String pem) {
        try {
            return new Hub4jGitHub(GitHubSettings.of(apiUrl()).withMaxRateLimitWait(Duration.ofSeconds(5)),
                    AppCredentials.fromPem(APP_ID, pem), loopbackOnly(), clock);
        } catch (AppKeyException e) {
            throw new AssertionError(e);
        }
    }

    /** Fails any request that would leave this machine, e.g. hub4j following an api.github.com URL in a fixture. */
    static OkHttpClient loopbackOnly() {
        return new OkHttpClient.Builder()
                .callTimeout(Duration.ofSeconds(10))
                .addInterceptor(chain -> {
                    String host = chain.request().url().host();
                    if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
                        throw new IOException("test tried to reach " + host);
                    }
                    return chain.proceed(chain.request());
                })
                .build();
    }

    /** The token endpoint hands out the fixture token, then the renewed one on the next request. */
    GitHubApiStub issuesTokens() {
        String path = prefix + "/app/installations/" + INSTALLATION + "/access_tokens";
        server.stubFor(request("POST", urlPathEqualTo(path)).inScenario("tokens")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json(201, "installation-token.json"))
                .willSetStateTo("renewed"));
        server.stubFor(request("POST", urlPathEqualTo(path)).inScenario("tokens")
                .whenScenarioStateIs("renewed").willReturn(json(201, "installation-token-renewed.json")));
        return this;
    }

    /**
     * Token requests naming {@link #OTHER_REPO} get their own token, ahead of {@link #issuesTokens()}' stubs (which
     * answer whatever repository is named).
     */
    GitHubApiStub issuesTokensForTheOtherRepository() {
        server.stubFor(request("POST", urlPathEqualTo(prefix + "/app/installations/" + INSTALLATION + "/access_tokens"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.repositories[0]", equalTo(OTHER_REPO.name())))
                .willReturn(json(201, "installation-token-other-repository.json")));
        return this;
    }

    /** {@code GET /repos/octocat/Spoon-Knife}: the repository fixture renamed. */
    GitHubApiStub hasTheOtherRepository() {
        return stub(request("GET", urlPathEqualTo(prefix + OTHER_REPO_PATH)), aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(fixture("repository.json").replace("Hello-World", OTHER_REPO.name())));
    }

    /** {@code GET /repos/octocat/Hello-World}, which hub4j loads before repository calls. */
    GitHubApiStub hasRepository() {
        return answers("GET", REPO_PATH, 200, "repository.json");
    }

    /** {@code method path} (relative to the API root) answers {@code status} with a fixture body. */
    GitHubApiStub answers(String method, String path, int status, String fixture) {
        return stub(request(method, urlPathEqualTo(prefix + path)), json(status, fixture));
    }

    GitHubApiStub stub(MappingBuilder mapping, ResponseDefinitionBuilder response) {
        server.stubFor(mapping.willReturn(response));
        return this;
    }

    static ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(fixture(fixture));
    }

    static ResponseDefinitionBuilder jsonBody(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    static String fixture(String name) {
        return TestResource.text("/github/api/" + name);
    }

    /** Requests received for {@code method path}, oldest first. */
    List<LoggedRequest> received(String method, String path) {
        return server.findAll(anyRequestedFor(urlPathEqualTo(prefix + path)))
                .stream().filter(r -> r.getMethod().getName().equals(method)).toList();
    }

    List<LoggedRequest> tokenRequests() {
        return received("POST", "/app/installations/" + INSTALLATION + "/access_tokens");
    }

    @Override
    public void close() {
        server.stop();
    }
}
