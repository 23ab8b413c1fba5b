package dev.truce.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.truce.github.TestKeys;
import dev.truce.server.TruceServer;
import dev.truce.testing.FakeGitHubApi;
import dev.truce.testing.GitHttpServer;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import dev.truce.testing.TestResource;

/**
 * The real service, end to end: signed webhooks in, the real pipeline (hub4j gateway, JGit over HTTP, db-scheduler
 * jobs on H2) out. A {@link GitHttpServer} serves {@code octocat/Hello-World} as a real bare repository, WireMock
 * plays GitHub's REST API with the fixtures under {@code src/test/resources/github}, and the assertions read what
 * a user would see: the fix pull request GitHub was asked to open, the branch that was pushed, the comments.
 *
 * <p>The steps build on each other the way a pull request's life does (open, redeliver, comment), so they run in
 * order against one application.
 */
@SpringBootTest(classes = TruceServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GitHubAppEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final long APP_ID = 4242;
    private static final long INSTALLATION = 42424242; // as in the webhook fixtures
    private static final String REPO = "/repos/octocat/Hello-World";
    private static final int RESOLVABLE = 1347;
    private static final int UNRESOLVABLE = 1348;
    private static final int FIX_PR = 1349; // created-pull-request.json
    private static final String TOKEN = "ghs_e2e" + UUID.randomUUID().toString().replace("-", "");
    private static final String SECRET = UUID.randomUUID().toString();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong EVENTS = new AtomicLong();

    private static final String BASE_POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>shop</groupId>
              <artifactId>shop</artifactId>
              <version>1.0.0</version>

              <properties>
                <java.version>17</java.version>
                <jackson.version>2.17.0</jackson.version>
                <junit.version>5.10.0</junit.version>
              </properties>
            </project>
            """;
    private static final String BASE_APP = """
            package shop;

            import java.util.List;

            public class App {
                public static void main(String[] args) {
                    System.out.println(List.of(args));
                }
            }
            """;
    private static final String GREETING = """
            package shop;

            public class Greeting {
                static String text() {
                    return "%s";
                }
            }
            """;

    @TempDir
    static Path dir;

    private static ScenarioRepo origin;
    private static GitHttpServer git;
    private static WireMockServer github;
    private static TestKeys key;
    private static RevCommit main;
    private static RevCommit feature;
    private static RevCommit topic;
    private static ObjectId firstFix;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Starts the fakes before the application, which is pointed at them. */
    @DynamicPropertySource
    static void fakes(DynamicPropertyRegistry registry) throws Exception {
        origin = ScenarioRepo.initBare(dir.resolve("origin.git"));
        buildHistory();
        git = GitHttpServer.start(dir).requireToken(TOKEN);
        git.serve("octocat", "Hello-World", origin.repository());
        github = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        stubGitHub();

        key = TestKeys.generated();
        Path pem = Files.writeString(dir.resolve("app.pem"), key.pkcs1Pem());
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:e2e-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        registry.add("truce.github.app-id", () -> APP_ID);
        registry.add("truce.github.app-slug", () -> "truce");
        registry.add("truce.github.private-key-file", pem::toString);
        registry.add("truce.github.webhook-secret", () -> SECRET);
        registry.add("truce.github.api-url", GitHubAppEndToEndTest::apiUrl);
        registry.add("truce.github.git-url", () -> "http://127.0.0.1:" + git.port());
        registry.add("truce.data-dir", () -> dir.resolve("data").toString());
        registry.add("truce.storage.cache-dir", () -> dir.resolve("data/repos").toString());
        registry.add("truce.jobs.poll-interval", () -> "100ms");
        registry.add("truce.jobs.backoff", () -> "50ms");
        registry.add("truce.jobs.max-retries", () -> "1");
        registry.add("logging.level.root", () -> "WARN");
    }

    @AfterAll
    static void stop() throws IOException {
        // Every step waits for its jobs, so the workers are idle; @DirtiesContext closes the application after this.
        if (github != null) {
            github.stop();
        }
        if (git != null) {
            git.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    @Order(1)
    void a_resolvable_pull_request_gets_a_fix_pull_request_with_a_two_parent_merge() throws Exception {
        HttpResponse<String> response = send("pull_request", opened(RESOLVABLE, "feature", feature, main),
                UUID.randomUUID().toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        awaitJobsDone();
        String branch = "truce/" + RESOLVABLE + "-" + feature.abbreviate(7).name();

        List<LoggedRequest> created = requests("POST", REPO + "/pulls");
        assertThat(created).hasSize(1);
        JsonNode fix = JSON.readTree(created.get(0).getBodyAsString());
        assertThat(fix.path("head").asString()).isEqualTo(branch);
        assertThat(fix.path("base").asString()).isEqualTo("feature");
        assertThat(fix.path("title").asString()).isEqualTo("Resolve conflicts of #1347 with main");
        assertThat(fix.path("body").asString())
                .contains("| `pom.xml` | 1 |").contains("`version-bump`")
                .contains("| `src/main/java/shop/App.java` | 1 |").contains("`import-union`")
                .contains(main.abbreviate(7).name()).contains(feature.abbreviate(7).name())
                .doesNotContain("declined");

        RevCommit merge = pushed(branch);
        firstFix = merge.getId();
        assertThat(merge.getParents()).extracting(RevCommit::getId).containsExactly(feature.getId(), main.getId());
        assertThat(filesWithMarkers(merge)).isEmpty();
        assertThat(read(merge, "pom.xml"))
                .contains("<jackson.version>2.17.2</jackson.version>")
                .contains("<junit.version>5.11.3</junit.version>");
        assertThat(read(merge, "src/main/java/shop/App.java"))
                .contains("import java.time.Clock;\nimport java.time.Duration;\nimport java.util.List;")
                .contains("CLOCK = Clock.systemUTC()").contains("Duration.ofSeconds(30)");
        assertThat(read(merge, "src/main/java/shop/Greeting.java")).contains("\"Hello, world\"");
        assertThat(git.requests()).anyMatch(r -> r.contains("git-receive-pack") && r.endsWith("200"));

        List<String> comments = commentsOn(RESOLVABLE);
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0)).contains("https://github.com/octocat/Hello-World/pull/" + FIX_PR);

        LoggedRequest tokenRequest = requests("POST", "/app/installations/" + INSTALLATION + "/access_tokens").get(0);
        assertThat(verifiesWithAppKey(tokenRequest.getHeader("Authorization"))).isTrue();
        // The token reaches only the repository the job is about.
        assertThat(JSON.readTree(tokenRequest.getBodyAsString()).path("repositories").toString())
                .isEqualTo("[\"Hello-World\"]");
    }

    @Test
    @Order(2)
    void redeliveries_and_repeated_events_leave_one_fix_pull_request() throws Exception {
        String delivery = UUID.randomUUID().toString();
        String body = opened(RESOLVABLE, "feature", feature, main);
        assertThat(send("pull_request", body, delivery).statusCode()).isEqualTo(202);
        awaitJobsDone();
        int pullReads = requests("GET", REPO + "/pulls/" + RESOLVABLE).size();
        assertThat(pullReads).as("the repeated event was worked on").isEqualTo(2);
        ObjectId branchBefore = origin.repository().exactRef(Constants.R_HEADS + fixBranch()).getObjectId();
        assertThat(branchBefore).as("the fix branch after the same head and base again").isEqualTo(firstFix);

        HttpResponse<String> redelivered = send("pull_request", body, delivery);
        HttpResponse<String> replayed = send("pull_request", body, UUID.randomUUID().toString());

        assertThat(redelivered.statusCode()).isEqualTo(200);
        assertThat(redelivered.body()).contains("duplicate delivery");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).contains("same body as delivery " + delivery);
        assertThat(jobsWaiting()).isZero();
        Thread.sleep(300); // a wrongly queued job would start within the poll interval (100 ms)
        assertThat(requests("GET", REPO + "/pulls/" + RESOLVABLE)).hasSize(pullReads);

        assertThat(requests("POST", REPO + "/pulls")).hasSize(1);
        assertThat(commentsOn(RESOLVABLE)).hasSize(1);
        assertThat(origin.repository().exactRef(Constants.R_HEADS + fixBranch()).getObjectId())
                .isEqualTo(branchBefore);
    }

    @Test
    @Order(3)
    void an_unresolvable_conflict_gets_one_comment_listing_the_hunks_and_nothing_is_pushed() throws Exception {
        assertThat(send("pull_request", opened(UNRESOLVABLE, "topic", topic, main), UUID.randomUUID().toString())
                .statusCode()).isEqualTo(202);
        awaitJobsDone();
        assertThat(send("pull_request", opened(UNRESOLVABLE, "topic", topic, main), UUID.randomUUID().toString())
                .statusCode()).isEqualTo(202);
        awaitJobsDone();

        assertThat(requests("GET", REPO + "/pulls/" + UNRESOLVABLE)).hasSize(2); // both ran
        List<String> comments = commentsOn(UNRESOLVABLE);
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0)).contains("1 part(s) need a human")
                .contains("`src/main/java/shop/Greeting.java` hunk 1");
        assertThat(origin.repository().getRefDatabase().getRefsByPrefix(Constants.R_HEADS + "truce/" + UNRESOLVABLE))
                .isEmpty();
        assertThat(requests("POST", REPO + "/pulls")).allMatch(r -> !r.getBodyAsString().contains("truce/1348"));
    }

    @Test
    @Order(4)
    void only_a_user_with_write_permission_can_ask_by_comment() throws Exception {
        int pullReads = requests("GET", REPO + "/pulls/" + RESOLVABLE).size();

        assertThat(send("issue_comment", comment(2001, "reader"), UUID.randomUUID().toString()).statusCode())
                .isEqualTo(202);
        awaitJobsDone();

        assertThat(requests("GET", REPO + "/collaborators/reader/permission")).hasSize(1);
        assertThat(requests("POST", REPO + "/issues/comments/2001/reactions")).isEmpty();
        assertThat(requests("GET", REPO + "/pulls/" + RESOLVABLE)).hasSize(pullReads);
        assertThat(requests("POST", REPO + "/pulls")).hasSize(1);
        List<String> replies = commentsOn(RESOLVABLE).subList(1, commentsOn(RESOLVABLE).size());
        assertThat(replies).hasSizeLessThanOrEqualTo(1).allMatch(r -> r.contains("write access"));

        assertThat(send("issue_comment", comment(2002, "writer"), UUID.randomUUID().toString()).statusCode())
                .isEqualTo(202);
        awaitJobsDone();

        List<LoggedRequest> reactions = requests("POST", REPO + "/issues/comments/2002/reactions");
        assertThat(reactions).hasSize(1);
        assertThat(JSON.readTree(reactions.get(0).getBodyAsString()).path("content").asString()).isIn("eyes", "+1");
        assertThat(requests("GET", REPO + "/pulls/" + RESOLVABLE)).hasSizeGreaterThan(pullReads); // it ran
        assertThat(requests("PATCH", REPO + "/pulls/" + FIX_PR)).isNotEmpty(); // the fix PR was updated...
        assertThat(requests("POST", REPO + "/pulls")).hasSize(1); // ...not opened again
    }

    @Test
    @Order(5)
    void a_wrong_signature_gets_401_and_nothing_happens() throws Exception {
        int before = github.getAllServeEvents().size();
        String delivery = UUID.randomUUID().toString();
        byte[] body = opened(RESOLVABLE, "feature", feature, main).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post("pull_request", body, delivery,
                "sha256=" + HexFormat.of().formatHex(hmac("not the secret", body)));
        HttpResponse<String> unsigned = post("pull_request", body, UUID.randomUUID().toString(), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from webhook_deliveries where delivery_id = ?",
                Integer.class, delivery)).isZero();
        assertThat(jobsWaiting()).isZero();
        Thread.sleep(300);
        assertThat(github.getAllServeEvents()).hasSize(before);
    }

    @Test
    @Order(6)
    void an_installation_calibrates_the_repository_on_its_history_and_stores_the_calibration() throws Exception {
        jdbc.update("delete from repository_calibrations");

        HttpResponse<String> response = send("installation", webhookFixture("installation_created.json"),
                UUID.randomUUID().toString());

        assertThat(response.body()).contains("queued: calibrate 1 repository");
        await(() -> jdbc.queryForObject("select count(*) from repository_calibrations where repository ="
                + " 'octocat/hello-world'", Integer.class) == 1, "the calibration to be stored");
        awaitJobsDone();
    }

    // --- the repository -------------------------------------------------------------------------------------

    /**
     * main bumps jackson and adds a used Clock import; feature (#1347) bumps junit and adds a used Duration import
     * on the neighbouring lines: resolvable. topic (#1348) changes the greeting main changed: not resolvable.
     */
    private static void buildHistory() throws IOException {
        Tree base = Tree.of().file("pom.xml", BASE_POM).file("src/main/java/shop/App.java", BASE_APP)
                .file("src/main/java/shop/Greeting.java", GREETING.formatted("Hello"));
        RevCommit first = origin.commit("main", base, "Shop service");
        main = origin.commit("main", base.copy()
                .file("pom.xml", BASE_POM.replace("2.17.0", "2.17.2"))
                .file("src/main/java/shop/App.java", BASE_APP
                        .replace("import java.util.List;", "import java.time.Clock;\nimport java.util.List;")
                        .replace("public class App {\n",
                                "public class App {\n    private static final Clock CLOCK = Clock.systemUTC();\n\n"))
                .file("src/main/java/shop/Greeting.java", GREETING.formatted("Hello, world")),
                "Jackson 2.17.2, a clock, a friendlier greeting", first);
        feature = origin.commit("feature", base.copy()
                .file("pom.xml", BASE_POM.replace("5.10.0", "5.11.3"))
                .file("src/main/java/shop/App.java", BASE_APP
                        .replace("import java.util.List;", "import java.time.Duration;\nimport java.util.List;")
                        .replace("    }\n}\n", "    }\n\n    static Duration timeout() {\n"
                                + "        return Duration.ofSeconds(30);\n    }\n}\n")),
                "JUnit 5.11.3, a timeout", first);
        origin.setRef("refs/pull/" + RESOLVABLE + "/head", feature);
        topic = origin.commit("topic", base.copy().file("src/main/java/shop/Greeting.java",
                GREETING.formatted("Hi there")), "A shorter greeting", first);
        origin.setRef("refs/pull/" + UNRESOLVABLE + "/head", topic);
    }

    private static String fixBranch() {
        return "truce/" + RESOLVABLE + "-" + feature.abbreviate(7).name();
    }

    private static RevCommit pushed(String branch) throws IOException {
        Ref ref = origin.repository().exactRef(Constants.R_HEADS + branch);
        assertThat(ref).as("branch " + branch + " in the served repository").isNotNull();
        try (RevWalk walk = new RevWalk(origin.repository())) {
            RevCommit commit = walk.parseCommit(ref.getObjectId());
            for (RevCommit parent : commit.getParents()) {
                walk.parseHeaders(parent);
            }
            return commit;
        }
    }

    private static String read(RevCommit commit, String path) throws IOException {
        return ScenarioRepo.read(origin.repository(), commit, path);
    }

    private static List<String> filesWithMarkers(RevCommit commit) throws IOException {
        List<String> found = new ArrayList<>();
        Repository repository = origin.repository();
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                String text = new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                if (text.contains("<<<<<<<") || text.contains(">>>>>>>") || text.contains("\n=======\n")
                        || text.contains("|||||||")) {
                    found.add(walk.getPathString());
                }
            }
        }
        return found;
    }

    // --- GitHub's REST API ----------------------------------------------------------------------------------

    private static String apiUrl() {
        return "http://127.0.0.1:" + github.port();
    }

    private static void stubGitHub() {
        String token = apiFixture("installation-token.json").replace("ghs_16C7e42F292c6912E7710c838347Ae178B4a", TOKEN)
                .replace("2016-07-11T22:14:10Z", Instant.now().plus(1, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.SECONDS).toString());
        answer("POST", "/app/installations/" + INSTALLATION + "/access_tokens", json(201, token));
        answer("GET", REPO, json(200, apiFixture("repository.json")));
        answer("GET", REPO + "/pulls/" + RESOLVABLE,
                json(200, FakeGitHubApi.pullRequestJson(RESOLVABLE, "feature", feature, main)));
        answer("GET", REPO + "/pulls/" + UNRESOLVABLE,
                json(200, FakeGitHubApi.pullRequestJson(UNRESOLVABLE, "topic", topic, main)));
        github.stubFor(request("GET", urlPathEqualTo(REPO + "/contents/.github/truce.yml"))
                .willReturn(json(404, apiFixture("not-found.json"))));
        answer("GET", REPO + "/collaborators/reader/permission",
                json(200, apiFixture("collaborator-permission-read.json")));
        answer("GET", REPO + "/collaborators/writer/permission",
                json(200, apiFixture("collaborator-permission-write.json")));
        github.stubFor(request("POST", urlPathMatching(REPO + "/issues/[0-9]+/comments"))
                .willReturn(json(201, apiFixture("issue-comment.json"))));
        github.stubFor(request("POST", urlPathMatching(REPO + "/issues/comments/[0-9]+/reactions"))
                .willReturn(json(201, apiFixture("reaction.json"))));

        // The fix pull request exists once it was created: listing by head branch finds it from then on.
        String fix = createdFixPullRequest();
        github.stubFor(request("GET", urlPathEqualTo(REPO + "/pulls")).inScenario("fix")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, "[]")));
        github.stubFor(request("POST", urlPathEqualTo(REPO + "/pulls")).inScenario("fix")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open").willReturn(json(201, fix)));
        github.stubFor(request("GET", urlPathEqualTo(REPO + "/pulls")).inScenario("fix")
                .whenScenarioStateIs("open").willReturn(json(200, "[" + fix + "]")));
        github.stubFor(request("POST", urlPathEqualTo(REPO + "/pulls")).inScenario("fix")
                .whenScenarioStateIs("open").willReturn(json(422, "{\"message\": \"Validation Failed\", "
                        + "\"errors\": [{\"resource\": \"PullRequest\", \"code\": \"custom\", "
                        + "\"message\": \"A pull request already exists\"}]}")));
        answer("PATCH", REPO + "/pulls/" + FIX_PR, json(200, fix));
        // Anything else is a call this test did not expect: it fails loudly in the service's log and assertions.
        github.stubFor(request("ANY", anyUrl()).atPriority(10).willReturn(json(404, apiFixture("not-found.json"))));
    }

    private static void answer(String method, String path, ResponseDefinitionBuilder response) {
        github.stubFor(request(method, urlPathEqualTo(path)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body.replace("https://api.github.com", apiUrl()));
    }

    private static String createdFixPullRequest() {
        ObjectNode pr = (ObjectNode) JSON.readTree(apiFixture("created-pull-request.json"));
        ((ObjectNode) pr.get("head")).put("ref", fixBranch());
        ((ObjectNode) pr.get("base")).put("ref", "feature").put("sha", feature.name());
        return JSON.writeValueAsString(pr);
    }

    private static List<LoggedRequest> requests(String method, String path) {
        return github.findAll(anyRequestedFor(urlPathEqualTo(path))).stream()
                .filter(r -> r.getMethod().getName().equals(method)).toList();
    }

    private static List<String> commentsOn(int number) {
        return requests("POST", REPO + "/issues/" + number + "/comments").stream()
                .map(r -> JSON.readTree(r.getBodyAsString()).path("body").asString()).toList();
    }

    /** The token request was signed by the App's key: a JWT whose RS256 signature verifies, issued by the App. */
    private static boolean verifiesWithAppKey(String authorization) throws Exception {
        assertThat(authorization).startsWith("Bearer ");
        String[] jwt = authorization.substring("Bearer ".length()).split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key.publicKey());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        return rs256.verify(Base64.getUrlDecoder().decode(jwt[2])) && claims.path("iss").asString()
                .equals(Long.toString(APP_ID));
    }

    // --- webhooks --------------------------------------------------------------------------------------------

    /**
     * A new {@code pull_request} event: like GitHub's, each carries its own {@code updated_at}, so two events about
     * the same head and base differ in their bodies (a body sent again is a repeat, whatever its delivery id).
     */
    private static String opened(int number, String headRef, RevCommit head, RevCommit base) {
        ObjectNode event = (ObjectNode) JSON.readTree(webhookFixture("pull_request_opened.json"));
        event.put("number", number);
        ObjectNode pr = (ObjectNode) event.get("pull_request");
        pr.put("number", number);
        pr.put("updated_at", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(EVENTS.incrementAndGet()).toString());
        ((ObjectNode) pr.get("head")).put("ref", headRef).put("sha", head.name()).put("label", "octocat:" + headRef);
        ((ObjectNode) pr.get("base")).put("sha", base.name());
        return JSON.writeValueAsString(event);
    }

    private static String comment(long id, String login) {
        ObjectNode event = (ObjectNode) JSON.readTree(webhookFixture("issue_comment_created.json"));
        ObjectNode comment = (ObjectNode) event.get("comment");
        comment.put("id", id).put("body", "@truce resolve");
        ((ObjectNode) comment.get("user")).put("login", login);
        ((ObjectNode) event.get("sender")).put("login", login);
        return JSON.writeValueAsString(event);
    }

    private HttpResponse<String> send(String event, String body, String delivery) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(event, bytes, delivery, "sha256=" + HexFormat.of().formatHex(hmac(SECRET, bytes)));
    }

    private HttpResponse<String> post(String event, byte[] body, String delivery, String signature)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                .header("Content-Type", "application/json").header("User-Agent", "GitHub-Hookshot/e2e")
                .header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }

    // --- waiting ---------------------------------------------------------------------------------------------

    private int jobsWaiting() {
        // A repository's calibration is one recurring row, due again a week after it ran: not a job waiting.
        return jdbc.queryForObject("select count(*) from scheduled_tasks where task_name <> 'calibrate-repository'"
                + " or execution_time < ?", Integer.class, java.sql.Timestamp.from(Instant.now().plusSeconds(3600)));
    }

    /** db-scheduler deletes a one-time job's row when it has run (or failed for good): an empty table is quiet. */
    private void awaitJobsDone() throws InterruptedException {
        await(() -> jobsWaiting() == 0, "the queued jobs to finish");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String apiFixture(String name) {
        return resource("/github/api/" + name);
    }

    private static String webhookFixture(String name) {
        return resource("/github/webhooks/" + name);
    }

    private static String resource(String path) {
        return TestResource.text(path);
    }
}
