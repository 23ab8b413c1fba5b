package dev.truce.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.eclipse.jgit.revwalk.RevCommit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * WireMock playing GitHub's REST API for one repository, {@code octocat/Hello-World} of installation
 * {@value #INSTALLATION}, as the App uses it: installation tokens, pull requests, comments, reactions, and a fix
 * pull request that exists once it was created. Answers are the fixtures under {@code src/test/resources/github/api}
 * (GitHub's documented shapes); anything not stubbed gets a 404, so an unexpected call shows in the assertions.
 */
public final class FakeGitHubApi implements AutoCloseable {

    /** The repository's REST path. */
    public static final String REPO = "/repos/octocat/Hello-World";
    /** The installation of the webhook fixtures. */
    public static final long INSTALLATION = 42424242;
    /** The fix pull request's number in {@code created-pull-request.json}. */
    public static final int FIX_PR = 1349;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FIX_SCENARIO = "fix";

    private final WireMockServer server;
    private final List<String> fixScenarios = new CopyOnWriteArrayList<>();
    /** The installation token git must be given; generated per fake. */
    public final String token = "ghs_fake" + UUID.randomUUID().toString().replace("-", "");

    private FakeGitHubApi(WireMockServer server) {
        this.server = server;
    }

    /** Starts the fake on a free loopback port with the stubs every job needs. */
    public static FakeGitHubApi start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        FakeGitHubApi api = new FakeGitHubApi(server);
        api.stubBasics();
        return api;
    }

    /** The API's base URL ({@code truce.github.api-url}). */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The WireMock server, for stubs a test adds itself. */
    public WireMockServer server() {
        return server;
    }

    /** {@code GET /pulls/N}: a pull request from the repository's own branch {@code headRef}. */
    public FakeGitHubApi pullRequest(int number, String headRef, RevCommit head, RevCommit base) {
        return pullRequest(number, headRef, head, "main", base);
    }

    /** {@code GET /pulls/N}: a pull request from the repository's branch {@code headRef} into {@code baseRef}. */
    public FakeGitHubApi pullRequest(int number, String headRef, RevCommit head, String baseRef, RevCommit base) {
        answer("GET", REPO + "/pulls/" + number, json(200, pullRequestJson(number, headRef, head, baseRef, base)));
        return this;
    }

    /**
     * The fix pull request {@value #FIX_PR} from {@code fixBranch} into {@code headRef}: listing by head finds nothing
     * until it is created, then finds it; creating it again is refused as GitHub does.
     */
    public FakeGitHubApi fixPullRequest(String fixBranch, String headRef, RevCommit head) {
        return fixPullRequest(fixBranch, headRef, head, FIX_PR);
    }

    /**
     * The fix pull request {@code number} from {@code fixBranch} into {@code headRef}, as
     * {@link #fixPullRequest(String, String, RevCommit)}; each fix branch has its own, so one fake serves many pull
     * requests.
     */
    public FakeGitHubApi fixPullRequest(String fixBranch, String headRef, RevCommit head, int number) {
        ObjectNode pr = (ObjectNode) JSON.readTree(apiFixture("created-pull-request.json"));
        pr.put("number", number).put("id", 1_000_000L + number);
        pr.put("url", "https://api.github.com/repos/octocat/Hello-World/pulls/" + number);
        pr.put("html_url", "https://github.com/octocat/Hello-World/pull/" + number);
        ((ObjectNode) pr.get("head")).put("ref", fixBranch);
        ((ObjectNode) pr.get("base")).put("ref", headRef).put("sha", head.name());
        String fix = JSON.writeValueAsString(pr);
        String scenario = FIX_SCENARIO + " " + fixBranch;
        fixScenarios.add(scenario);
        StringValuePattern byHead = equalTo("octocat:" + fixBranch);
        StringValuePattern fromBranch = containing("\"" + fixBranch + "\"");
        server.stubFor(request("GET", urlPathEqualTo(REPO + "/pulls")).withQueryParam("head", byHead)
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, "[]")));
        server.stubFor(request("POST", urlPathEqualTo(REPO + "/pulls")).withRequestBody(fromBranch)
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
                .willReturn(json(201, fix)));
        server.stubFor(request("GET", urlPathEqualTo(REPO + "/pulls")).withQueryParam("head", byHead)
                .inScenario(scenario).whenScenarioStateIs("open").willReturn(json(200, "[" + fix + "]")));
        server.stubFor(request("POST", urlPathEqualTo(REPO + "/pulls")).withRequestBody(fromBranch)
                .inScenario(scenario).whenScenarioStateIs("open").willReturn(json(422, "{\"message\": "
                        + "\"Validation Failed\", \"errors\": [{\"resource\": \"PullRequest\", \"code\": "
                        + "\"custom\", \"message\": \"A pull request already exists\"}]}")));
        answer("PATCH", REPO + "/pulls/" + number, json(200, fix));
        return this;
    }

    /** {@code GET /contents/.github/truce.yml}: the repository's configuration is {@code yaml} (404 until then). */
    public FakeGitHubApi repoConfig(String yaml) {
        ObjectNode content = (ObjectNode) JSON.readTree(apiFixture("contents.json"));
        byte[] bytes = yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        content.put("content", java.util.Base64.getMimeEncoder().encodeToString(bytes)).put("size", bytes.length);
        server.stubFor(request("GET", urlPathEqualTo(REPO + "/contents/.github/truce.yml")).atPriority(1)
                .willReturn(json(200, JSON.writeValueAsString(content))));
        return this;
    }

    /** Marks the fix pull requests as created, as GitHub has them after a creation whose answer was lost. */
    public void fixPullRequestCreated() {
        fixScenarios.forEach(scenario -> server.setScenarioState(scenario, "open"));
    }

    /**
     * Makes the first matching request hang (its answer never comes in time), for a test that kills the service
     * while it waits; returns the stub to {@link #release} afterwards.
     */
    public StubMapping hang(MappingBuilder request) {
        return server.stubFor(request.atPriority(1).willReturn(aResponse().withFixedDelay(120_000).withStatus(504)));
    }

    /**
     * Makes matching requests slow: answered with {@code status} and the API fixture {@code fixture} after
     * {@code delay}; returns the stub to {@link #release} afterwards.
     */
    public StubMapping slow(MappingBuilder request, Duration delay, int status, String fixture) {
        return server.stubFor(request.atPriority(1).willReturn(json(status, apiFixture(fixture))
                .withFixedDelay((int) delay.toMillis())));
    }

    /** Removes a stub {@link #hang} added. */
    public void release(StubMapping stub) {
        server.removeStub(stub);
    }

    /** The requests received with this method and path. */
    public List<LoggedRequest> requests(String method, String path) {
        return server.findAll(anyRequestedFor(urlPathEqualTo(path))).stream()
                .filter(r -> r.getMethod().getName().equals(method)).toList();
    }

    /** The bodies of the comments posted on issue or pull request {@code number}. */
    public List<String> commentsOn(int number) {
        return requests("POST", REPO + "/issues/" + number + "/comments").stream()
                .map(r -> JSON.readTree(r.getBodyAsString()).path("body").asString()).toList();
    }

    /** Waits until a request with this method and path arrived. */
    public void awaitRequest(String method, String path, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (requests(method, path).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + method + " " + path);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A fixture under {@code src/test/resources/github/api/}. */
    public static String apiFixture(String name) {
        return resource("/github/api/" + name);
    }

    /** A fixture under {@code src/test/resources/github/webhooks/}. */
    public static String webhookFixture(String name) {
        return resource("/github/webhooks/" + name);
    }

    /** A {@code pull_request} {@code opened} event for a pull request from the repository's branch {@code headRef}. */
    public static String opened(int number, String headRef, RevCommit head, RevCommit base) {
        return opened(number, headRef, head, "main", base);
    }

    /** A {@code pull_request} {@code opened} event for a pull request from {@code headRef} into {@code baseRef}. */
    public static String opened(int number, String headRef, RevCommit head, String baseRef, RevCommit base) {
        ObjectNode event = (ObjectNode) JSON.readTree(webhookFixture("pull_request_opened.json"));
        event.put("number", number);
        ObjectNode pr = (ObjectNode) event.get("pull_request");
        pr.put("number", number);
        ((ObjectNode) pr.get("head")).put("ref", headRef).put("sha", head.name()).put("label", "octocat:" + headRef);
        ((ObjectNode) pr.get("base")).put("ref", baseRef).put("sha", base.name());
        return JSON.writeValueAsString(event);
    }

    private void stubBasics() {
        String tokenJson = apiFixture("installation-token.json")
                .replace("ghs_16C7e42F292c6912E7710c838347Ae178B4a", token)
                .replace("2016-07-11T22:14:10Z", Instant.now().plus(1, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.SECONDS).toString());
        answer("POST", "/app/installations/" + INSTALLATION + "/access_tokens", json(201, tokenJson));
        answer("GET", REPO, json(200, apiFixture("repository.json")));
        server.stubFor(request("GET", urlPathEqualTo(REPO + "/contents/.github/truce.yml"))
                .willReturn(json(404, apiFixture("not-found.json"))));
        server.stubFor(request("POST", urlPathMatching(REPO + "/issues/[0-9]+/comments"))
                .willReturn(json(201, apiFixture("issue-comment.json"))));
        server.stubFor(request("POST", urlPathMatching(REPO + "/issues/comments/[0-9]+/reactions"))
                .willReturn(json(201, apiFixture("reaction.json"))));
        server.stubFor(request("ANY", anyUrl()).atPriority(10).willReturn(json(404, apiFixture("not-found.json"))));
    }

    private void answer(String method, String path, ResponseDefinitionBuilder response) {
        server.stubFor(request(method, urlPathEqualTo(path)).willReturn(response));
    }

    private ResponseDefinitionBuilder json(int status, String body) {
        // GitHub reports the installation's rate limit on every answer.
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4999")
                .withHeader("X-RateLimit-Resource", "core")
                .withBody(body.replace("https://api.github.com", url()));
    }

    /**
     * The docs' pull request {@code number} (GitHub's example, {@code api/pull-request.json}), from the base
     * repository's own branch {@code headRef}: not a fork, so Truce may push a fix branch.
     */
    public static String pullRequestJson(int number, String headRef, RevCommit head, RevCommit base) {
        return pullRequestJson(number, headRef, head, "main", base);
    }

    /** As {@link #pullRequestJson(int, String, RevCommit, RevCommit)}, into the branch {@code baseRef}. */
    public static String pullRequestJson(int number, String headRef, RevCommit head, String baseRef, RevCommit base) {
        ObjectNode pr = (ObjectNode) JSON.readTree(apiFixture("pull-request.json"));
        pr.put("number", number);
        pr.put("url", "https://api.github.com/repos/octocat/Hello-World/pulls/" + number);
        pr.put("html_url", "https://github.com/octocat/Hello-World/pull/" + number);
        ObjectNode headNode = (ObjectNode) pr.get("head");
        headNode.put("ref", headRef).put("sha", head.name()).put("label", "octocat:" + headRef);
        headNode.set("repo", pr.get("base").get("repo").deepCopy()); // not a fork: Truce may push a fix branch
        headNode.set("user", pr.get("base").get("user").deepCopy());
        ((ObjectNode) pr.get("base")).put("ref", baseRef).put("sha", base.name());
        return JSON.writeValueAsString(pr);
    }

    private static String resource(String path) {
        return TestResource.text(path);
    }
}
