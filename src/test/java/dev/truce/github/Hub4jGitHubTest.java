package dev.truce.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.truce.github.GitHubApiStub.INSTALLATION;
import static dev.truce.github.GitHubApiStub.OTHER_REPO;
import static dev.truce.github.GitHubApiStub.OTHER_REPO_PATH;
import static dev.truce.github.GitHubApiStub.REPO;
import static dev.truce.github.GitHubApiStub.REPO_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway against WireMock playing GitHub; a hung wait (an unbounded rate-limit sleep) fails by timeout. */
@Timeout(20)
class Hub4jGitHubTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestKeys keys = TestKeys.generated();
    private GitHubApiStub github = GitHubApiStub.start().issuesTokens().hasRepository();
    private Hub4jGitHub gateway = github.gateway(keys.pkcs1Pem());

    @AfterEach
    void stop() {
        github.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs1", "pkcs8"})
    void tokenIsRequestedWithAnRs256JwtIssuedByTheApp(String format) throws Exception {
        gateway = github.gateway(format.equals("pkcs1") ? keys.pkcs1Pem() : keys.pkcs8Pem());

        assertThat(gateway.gitToken(REPO)).isEqualTo(GitHubApiStub.TOKEN.toCharArray());

        List<LoggedRequest> requests = github.tokenRequests();
        assertThat(requests).hasSize(1);
        String authorization = requests.get(0).getHeader("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        JsonNode claims = AppCredentialsTest.verifiedClaims(authorization.substring("Bearer ".length()), keys);
        assertThat(claims.path("iss").asString()).isEqualTo(Long.toString(GitHubApiStub.APP_ID));
    }

    @Test
    void tokenRequestNamesExactlyTheRepositoryAndOnlyThePermissionsTruceNeeds() throws Exception {
        gateway.gitToken(REPO);

        JsonNode sent = body(github.tokenRequests().get(0));
        assertThat(sent).isEqualTo(JSON.readTree("""
                {"repositories": ["Hello-World"],
                 "permissions": {"contents": "write", "pull_requests": "write", "issues": "write",
                                 "metadata": "read"}}"""));
    }

    @Test
    void twoRepositoriesOfOneInstallationUseTwoTokensEachRequestedOnce() throws Exception {
        github.issuesTokensForTheOtherRepository().hasTheOtherRepository()
                .answers("GET", REPO_PATH + "/pulls/1347", 200, "pull-request.json")
                .answers("GET", OTHER_REPO_PATH + "/pulls/1347", 200, "pull-request.json")
                .answers("POST", REPO_PATH + "/issues/1347/comments", 201, "issue-comment.json")
                .answers("POST", OTHER_REPO_PATH + "/issues/1347/comments", 201, "issue-comment.json");

        for (int round = 0; round < 2; round++) {
            for (RepoRef repo : List.of(REPO, OTHER_REPO)) {
                gateway.pullRequest(repo, 1347); // through hub4j
                gateway.comment(repo, 1347, "hello"); // straight to the REST API
            }
        }

        assertThat(github.tokenRequests()).extracting(r -> body(r).path("repositories").toString())
                .containsExactly("[\"Hello-World\"]", "[\"Spoon-Knife\"]");
        assertThat(gateway.gitToken(REPO)).isEqualTo(GitHubApiStub.TOKEN.toCharArray());
        assertThat(gateway.gitToken(OTHER_REPO)).isEqualTo(GitHubApiStub.OTHER_REPO_TOKEN.toCharArray());
        assertThat(authorizations("GET", REPO_PATH)).hasSize(1).containsOnly("token " + GitHubApiStub.TOKEN);
        assertThat(authorizations("GET", OTHER_REPO_PATH)).hasSize(1)
                .containsOnly("token " + GitHubApiStub.OTHER_REPO_TOKEN);
        for (String path : List.of("/pulls/1347", "/issues/1347/comments")) {
            String method = path.startsWith("/pulls") ? "GET" : "POST";
            assertThat(authorizations(method, REPO_PATH + path)).hasSize(2)
                    .containsOnly("token " + GitHubApiStub.TOKEN);
            assertThat(authorizations(method, OTHER_REPO_PATH + path)).hasSize(2)
                    .containsOnly("token " + GitHubApiStub.OTHER_REPO_TOKEN);
        }
        assertThat(github.tokenRequests()).hasSize(2);
    }

    @Test
    void aRevokedTokenIsForgottenOnlyForItsRepository() throws Exception {
        github.issuesTokensForTheOtherRepository()
                .answers("POST", REPO_PATH + "/issues/1347/comments", 401, "bad-credentials.json")
                .answers("POST", OTHER_REPO_PATH + "/issues/1347/comments", 201, "issue-comment.json");
        gateway.comment(OTHER_REPO, 1347, "hello");

        assertThatThrownBy(() -> gateway.comment(REPO, 1347, "hello")).isInstanceOf(GitHubException.class);
        gateway.gitToken(REPO);
        gateway.comment(OTHER_REPO, 1347, "hello");

        assertThat(github.tokenRequests()).extracting(r -> body(r).path("repositories").get(0).asString())
                // Hello-World: the first token, the one retried with, and the one after the second refusal.
                .containsExactly("Spoon-Knife", "Hello-World", "Hello-World", "Hello-World");
    }

    @Test
    void installationTokenIsReusedWhileCachedAndRenewedNearExpiry() throws Exception {
        github.answers("GET", REPO_PATH + "/pulls/1347", 200, "pull-request.json");

        gateway.pullRequest(REPO, 1347);
        gateway.pullRequest(REPO, 1347);
        assertThat(github.tokenRequests()).hasSize(1);
        assertThat(github.received("GET", REPO_PATH + "/pulls/1347"))
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("token " + GitHubApiStub.TOKEN));

        github.clock.advance(Duration.ofMinutes(56)); // 4 minutes left: inside the 5-minute margin
        gateway.pullRequest(REPO, 1347);

        assertThat(github.tokenRequests()).hasSize(2);
        List<LoggedRequest> pulls = github.received("GET", REPO_PATH + "/pulls/1347");
        assertThat(pulls.get(pulls.size() - 1).getHeader("Authorization"))
                .isEqualTo("token " + GitHubApiStub.RENEWED_TOKEN);
    }

    @Test
    void pullRequestCarriesWhatThePipelineNeeds() throws Exception {
        github.answers("GET", REPO_PATH + "/pulls/1347", 200, "pull-request.json");

        PullRequestInfo pr = gateway.pullRequest(REPO, 1347);

        assertThat(pr).isEqualTo(new PullRequestInfo(1347, "Amazing new feature",
                "Please pull these awesome changes in!", true, false, "new-topic",
                "6dcb09b5b57875f334f61aebed695e2e4193db5e", "contributor/Hello-World", "main",
                "9049f1265b7d61be4a8904a9a27120d2064dab3b", "contributor",
                "https://github.com/octocat/Hello-World/pull/1347"));
        assertThat(pr.isFromFork(REPO)).isTrue();
    }

    @Test
    void openPullRequestsIntoABranchAreListedNewestFirstAndBounded() throws Exception {
        github.answers("GET", REPO_PATH + "/pulls", 200, "pulls.json");

        List<PullRequestInfo> all = gateway.openPullRequestsInto(REPO, "main", 10);
        List<PullRequestInfo> one = gateway.openPullRequestsInto(REPO, "main", 1);

        assertThat(all).extracting(PullRequestInfo::number).containsExactly(1348, 1347);
        assertThat(all).extracting(PullRequestInfo::draft).containsExactly(false, true);
        assertThat(all.get(0).isFromFork(REPO)).isFalse();
        assertThat(one).extracting(PullRequestInfo::number).containsExactly(1348);
        LoggedRequest first = github.received("GET", REPO_PATH + "/pulls").get(0);
        assertThat(first.queryParameter("state").firstValue()).isEqualTo("open");
        assertThat(first.queryParameter("base").firstValue()).isEqualTo("main");
        assertThat(first.queryParameter("sort").firstValue()).isEqualTo("updated");
        assertThat(first.queryParameter("direction").firstValue()).isEqualTo("desc");
        // No per-pull-request follow-up requests: the list is read as GitHub sent it.
        assertThat(github.received("GET", REPO_PATH + "/pulls/1347")).isEmpty();
    }

    @Test
    void openPullRequestFromAHeadBranchAsksForOwnerColonBranch() throws Exception {
        github.answers("GET", REPO_PATH + "/pulls", 200, "pulls.json");

        Optional<PullRequestInfo> found = gateway.openPullRequestFrom(REPO, "truce/1347-6dcb09b");

        assertThat(found).map(PullRequestInfo::number).contains(1348);
        LoggedRequest sent = github.received("GET", REPO_PATH + "/pulls").get(0);
        assertThat(sent.queryParameter("head").firstValue()).isEqualTo("octocat:truce/1347-6dcb09b");
        assertThat(sent.queryParameter("state").firstValue()).isEqualTo("open");
    }

    @Test
    void noOpenPullRequestFromABranchIsEmpty() throws Exception {
        github.stub(request("GET", urlPathEqualTo(REPO_PATH + "/pulls")),
                aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]"));

        assertThat(gateway.openPullRequestFrom(REPO, "truce/1-abc")).isEmpty();
    }

    @Test
    void collaboratorPermissionsIncludingMaintainAndTriage() throws Exception {
        github.answers("GET", REPO_PATH + "/collaborators/octocat/permission", 200,
                        "collaborator-permission-admin.json")
                .answers("GET", REPO_PATH + "/collaborators/hubot/permission", 200,
                        "collaborator-permission-maintain.json")
                .answers("GET", REPO_PATH + "/collaborators/triager/permission", 200,
                        "collaborator-permission-triage.json")
                .answers("GET", REPO_PATH + "/collaborators/stranger/permission", 404, "not-found.json");

        assertThat(gateway.permission(REPO, "octocat")).isEqualTo(Permission.ADMIN);
        assertThat(gateway.permission(REPO, "hubot")).isEqualTo(Permission.MAINTAIN);
        assertThat(gateway.permission(REPO, "triager")).isEqualTo(Permission.TRIAGE);
        assertThat(gateway.permission(REPO, "stranger")).isEqualTo(Permission.NONE);
        assertThat(github.received("GET", REPO_PATH + "/collaborators/hubot/permission").get(0)
                .getHeader("Authorization")).isEqualTo("token " + GitHubApiStub.TOKEN);
    }

    @Test
    void reactionIsPostedOnTheIssueComment() throws Exception {
        github.answers("POST", REPO_PATH + "/issues/comments/77/reactions", 201, "reaction.json");

        gateway.react(REPO, 77, "eyes");

        assertThat(body(github.received("POST", REPO_PATH + "/issues/comments/77/reactions").get(0))
                .path("content").asString()).isEqualTo("eyes");
        assertThatThrownBy(() -> gateway.react(REPO, 77, "thumbsup")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commentReturnsTheNewCommentsId() throws Exception {
        github.answers("POST", REPO_PATH + "/issues/1347/comments", 201, "issue-comment.json");

        long id = gateway.comment(REPO, 1347, "Truce opened #1349 with the resolution.");

        assertThat(id).isEqualTo(1);
        assertThat(body(github.received("POST", REPO_PATH + "/issues/1347/comments").get(0)).path("body")
                .asString()).isEqualTo("Truce opened #1349 with the resolution.");
    }

    @Test
    void failedChecksAreTheFailedCheckRunsWithTheirAnnotationsAndTheFailedStatusesButNotTrucesOwn()
            throws Exception {
        String sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
        github.stub(request("GET", urlPathEqualTo(REPO_PATH + "/commits/" + sha + "/check-runs")),
                GitHubApiStub.jsonBody(200, "{\"total_count\": 3, \"check_runs\": ["
                        + "{\"id\": 1, \"name\": \"build\", \"conclusion\": \"failure\", \"output\": {\"title\":"
                        + " \"1 error\", \"summary\": \"javac failed\", \"text\": \"log\", \"annotations_count\": 1}},"
                        + "{\"id\": 2, \"name\": \"lint\", \"conclusion\": \"success\", \"output\": {}},"
                        + "{\"id\": 4, \"name\": \"test\", \"status\": \"in_progress\", \"output\": {}},"
                        + "{\"id\": 3, \"name\": \"Truce\", \"conclusion\": \"failure\", \"output\": {}}]}"));
        github.stub(request("GET", urlPathEqualTo(REPO_PATH + "/check-runs/1/annotations")),
                GitHubApiStub.jsonBody(200, "[{\"path\": \"src/A.java\", \"start_line\": 3, \"end_line\": 3,"
                        + " \"annotation_level\": \"failure\", \"message\": \"cannot find symbol\"}]"));
        github.stub(request("GET", urlPathEqualTo(REPO_PATH + "/commits/" + sha + "/status")),
                GitHubApiStub.jsonBody(200, "{\"state\": \"failure\", \"statuses\": [{\"context\": \"ci/jenkins\","
                        + " \"state\": \"error\", \"description\": \"Build broke\"}, {\"context\": \"ok\","
                        + " \"state\": \"success\"}]}"));

        CommitChecks checks = gateway.checks(REPO, sha, "Truce");
        List<FailedCheck> failed = checks.failed();
        assertThat(checks.pending()).isEqualTo(1);

        assertThat(failed).extracting(FailedCheck::name).containsExactly("build", "ci/jenkins");
        assertThat(failed.get(0).summary()).isEqualTo("1 error\njavac failed");
        assertThat(failed.get(0).annotations()).containsExactly(new FailedCheck.Annotation("src/A.java", 3, 3,
                "failure", "cannot find symbol"));
        assertThat(failed.get(1).summary()).isEqualTo("Build broke");
    }

    @Test
    void openingAFixPullRequestSendsHeadBaseTitleAndBody() throws Exception {
        github.answers("POST", REPO_PATH + "/pulls", 201, "created-pull-request.json");

        PullRequestInfo created = gateway.openPullRequest(REPO, "truce/1347-6dcb09b", "new-topic",
                "Resolve conflicts in #1347", "Truce merged `main` into `new-topic`.");

        JsonNode sent = body(github.received("POST", REPO_PATH + "/pulls").get(0));
        assertThat(sent.path("head").asString()).isEqualTo("truce/1347-6dcb09b");
        assertThat(sent.path("base").asString()).isEqualTo("new-topic");
        assertThat(sent.path("title").asString()).isEqualTo("Resolve conflicts in #1347");
        assertThat(sent.path("body").asString()).isEqualTo("Truce merged `main` into `new-topic`.");
        assertThat(created.number()).isEqualTo(1349);
        assertThat(created.headRef()).isEqualTo("truce/1347-6dcb09b");
    }

    @Test
    void updatingAPullRequestReplacesTitleAndBodyInOneRequest() throws Exception {
        github.answers("PATCH", REPO_PATH + "/pulls/1349", 200, "created-pull-request.json");

        gateway.updatePullRequest(REPO, 1349, "Resolve conflicts in #1347 (again)", "New table");

        List<LoggedRequest> patches = github.received("PATCH", REPO_PATH + "/pulls/1349");
        assertThat(patches).hasSize(1);
        assertThat(body(patches.get(0)).path("title").asString()).isEqualTo("Resolve conflicts in #1347 (again)");
        assertThat(body(patches.get(0)).path("body").asString()).isEqualTo("New table");
    }

    @Test
    void closingAPullRequestSetsItsState() throws Exception {
        github.answers("PATCH", REPO_PATH + "/pulls/1349", 200, "created-pull-request.json");

        gateway.closePullRequest(REPO, 1349);

        LoggedRequest close = github.received("PATCH", REPO_PATH + "/pulls/1349").get(0);
        assertThat(body(close).path("state").asString()).isEqualTo("closed");
    }

    @Test
    void recentCommentsAreReadWithTheirAuthors() throws Exception {
        github.answers("GET", REPO_PATH + "/issues/1347/comments", 200, "issue-comments.json");

        assertThat(gateway.recentComments(REPO, 1347, 500)).extracting(IssueComment::id, IssueComment::author)
                .containsExactly(tuple(1L, "octocat"), tuple(2L, "truce[bot]"));
        LoggedRequest request = github.received("GET", REPO_PATH + "/issues/1347/comments").get(0);
        assertThat(request.queryParameter("per_page").firstValue()).isEqualTo("100");
        assertThat(request.getHeader("Authorization")).isEqualTo("token " + GitHubApiStub.TOKEN);
    }

    @Test
    void aLongThreadIsReadFromItsNewestPagesWithinTheBound() throws Exception {
        String path = REPO_PATH + "/issues/1347/comments";
        for (int page = 1; page <= 9; page++) {
            // GitHub's Link header on every page; its last page number is all Truce takes from it.
            github.stub(request("GET", urlPathEqualTo(path)).withQueryParam("page", equalTo(Integer.toString(page))),
                    aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                            .withHeader("Link", "<https://api.github.com/repositories/1296269/issues/1347/comments"
                                    + "?per_page=100&page=" + (page + 1) + ">; rel=\"next\", <https://api.github.com"
                                    + "/repositories/1296269/issues/1347/comments?per_page=100&page=9>; rel=\"last\"")
                            .withBody("[{\"id\": " + page + ", \"body\": \"page " + page + "\", \"user\":"
                                    + " {\"login\": \"truce[bot]\", \"type\": \"Bot\"}}]"));
        }

        List<IssueComment> comments = gateway.recentComments(REPO, 1347, 300);

        assertThat(comments).extracting(IssueComment::id).containsExactly(7L, 8L, 9L);
        assertThat(github.received("GET", path)).extracting(r -> r.queryParameter("page").firstValue())
                .containsExactly("1", "7", "8", "9");
    }

    @Test
    void aCommitsAuthorAndCommitterComeFromTheGitDatabaseAndAnUnknownCommitIsEmpty() throws Exception {
        String sha = "7638417db6d59f3c431d3e1f261cc637155684cd";
        github.answers("GET", REPO_PATH + "/git/commits/" + sha, 200, "git-commit.json")
                .answers("GET", REPO_PATH + "/git/commits/" + "0".repeat(40), 404, "not-found.json");

        assertThat(gateway.commit(REPO, sha)).contains(new GitCommitInfo(sha, "truce[bot]",
                "41+truce[bot]@users.noreply.github.com", "Monalisa Octocat", "octocat@github.com"));
        assertThat(gateway.commit(REPO, "0".repeat(40))).isEmpty();
        assertThat(github.received("GET", REPO_PATH + "/git/commits/" + sha).get(0).getHeader("Authorization"))
                .isEqualTo("token " + GitHubApiStub.TOKEN);
        assertThatThrownBy(() -> gateway.commit(REPO, "../../pulls")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileContentIsDecodedAndAMissingFileIsEmpty() throws Exception {
        github.answers("GET", REPO_PATH + "/contents/.github/truce.yml", 200, "contents.json")
                .answers("GET", REPO_PATH + "/contents/.github/missing.yml", 404, "not-found.json");

        assertThat(gateway.fileContent(REPO, "main", ".github/truce.yml"))
                .contains("mode: fix-pr\nignore:\n  - \"**/generated/**\"\n");
        assertThat(gateway.fileContent(REPO, "main", ".github/missing.yml")).isEmpty();
        assertThat(github.received("GET", REPO_PATH + "/contents/.github/truce.yml").get(0).queryParameter("ref")
                .firstValue()).isEqualTo("main");
    }

    @Test
    void secondaryRateLimitIsWaitedOutAndRetried() throws Exception {
        String path = REPO_PATH + "/pulls/1347";
        secondaryRateLimitOnce(path, 403, "1", "pull-request.json");

        long start = System.nanoTime();
        PullRequestInfo pr = gateway.pullRequest(REPO, 1347);

        assertThat(pr.number()).isEqualTo(1347);
        assertThat(github.received("GET", path)).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void secondaryRateLimitOnADirectCallIsAlsoWaitedOut() throws Exception {
        String path = REPO_PATH + "/collaborators/hubot/permission";
        secondaryRateLimitOnce(path, 429, "0", "collaborator-permission-maintain.json");

        assertThat(gateway.permission(REPO, "hubot")).isEqualTo(Permission.MAINTAIN);
        assertThat(github.received("GET", path)).hasSize(2);
    }

    /** GET {@code path} hits a secondary rate limit ({@code status}, Retry-After) once, then answers {@code body}. */
    private void secondaryRateLimitOnce(String path, int status, String retryAfter, String body) {
        answersOnceThen("GET", path,
                GitHubApiStub.json(status, "secondary-rate-limit.json").withHeader("Retry-After", retryAfter),
                GitHubApiStub.json(200, body));
    }

    /** The first {@code method} on {@code path} gets {@code first}, every later one {@code then}. */
    private void answersOnceThen(String method, String path, ResponseDefinitionBuilder first,
            ResponseDefinitionBuilder then) {
        github.stub(request(method, urlPathEqualTo(path)).inScenario("once").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("after"), first);
        github.stub(request(method, urlPathEqualTo(path)).inScenario("once").whenScenarioStateIs("after"), then);
    }

    @Test
    void aRateLimitLongerThanTheBoundFailsFastAsRetryable() {
        github.stub(request("GET", urlPathEqualTo(REPO_PATH + "/pulls/1347")),
                GitHubApiStub.json(403, "secondary-rate-limit.json").withHeader("Retry-After", "3600"));
        long resetInAnHour = GitHubApiStub.NOW.getEpochSecond() + 3600;
        github.stub(request("GET", urlPathEqualTo(REPO_PATH + "/pulls")),
                GitHubApiStub.json(403, "secondary-rate-limit.json").withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", Long.toString(resetInAnHour)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> gateway.pullRequest(REPO, 1347)).isInstanceOfSatisfying(GitHubException.class,
                e -> assertThat(e.isRetryable()).isTrue());
        assertThatThrownBy(() -> gateway.openPullRequestsInto(REPO, "main", 5))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.isRetryable()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void serverErrorsAreRetryableAndClientErrorsAreNot() {
        github.answers("GET", REPO_PATH + "/pulls/500", 500, "server-error.json")
                .answers("GET", REPO_PATH + "/pulls/404", 404, "not-found.json")
                .answers("POST", REPO_PATH + "/issues/500/comments", 502, "server-error.json")
                .answers("POST", REPO_PATH + "/pulls", 422, "reference-does-not-exist.json");

        assertThatThrownBy(() -> gateway.pullRequest(REPO, 500)).isInstanceOfSatisfying(GitHubException.class,
                e -> assertThat(e.isRetryable()).isTrue());
        assertThatThrownBy(() -> gateway.comment(REPO, 500, "x")).isInstanceOfSatisfying(GitHubException.class,
                e -> assertThat(e.isRetryable()).isTrue());
        assertThatThrownBy(() -> gateway.pullRequest(REPO, 404)).isInstanceOfSatisfying(GitHubException.class,
                e -> assertThat(e.isRetryable()).isFalse());
        assertThatThrownBy(() -> gateway.openPullRequest(REPO, "a", "b", "t", "b"))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.isRetryable()).isFalse());
    }

    @Test
    void aRejectedAppJwtIsNotRetryableAndNoTokenLeaksIntoTheMessage() {
        github.server.resetAll();
        github.answers("POST", "/app/installations/" + INSTALLATION + "/access_tokens", 401, "jwt-rejected.json");

        assertThatThrownBy(() -> gateway.pullRequest(REPO, 1347)).isInstanceOfSatisfying(GitHubException.class,
                e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("401").doesNotContain("Bearer");
                });
    }

    @Test
    void aRevokedInstallationTokenIsReplacedAndTheCallMadeOnceMore() throws Exception {
        String path = REPO_PATH + "/issues/1347/comments";
        answersOnceThen("POST", path, GitHubApiStub.json(401, "bad-credentials.json"), GitHubApiStub.json(201,
                "issue-comment.json"));

        assertThat(gateway.comment(REPO, 1347, "hello")).isEqualTo(1);

        assertThat(github.tokenRequests()).hasSize(2);
        assertThat(github.received("POST", path)).hasSize(2);
        assertThat(github.received("POST", path).get(1).getHeader("Authorization"))
                .isEqualTo("token " + GitHubApiStub.RENEWED_TOKEN);
    }

    @Test
    void aRevokedTokenIsReplacedForCallsThroughHub4jToo() throws Exception {
        String path = REPO_PATH + "/pulls/1347";
        answersOnceThen("GET", path, GitHubApiStub.json(401, "bad-credentials.json"), GitHubApiStub.json(200,
                "pull-request.json"));

        assertThat(gateway.pullRequest(REPO, 1347).number()).isEqualTo(1347);
        assertThat(github.tokenRequests()).hasSize(2);
    }

    @Test
    void aTokenRefusedTwiceIsFinalAfterExactlyOneRetry() {
        String path = REPO_PATH + "/issues/1347/comments";
        github.answers("POST", path, 401, "bad-credentials.json");

        assertThatThrownBy(() -> gateway.comment(REPO, 1347, "hello")).isInstanceOfSatisfying(GitHubException.class,
                e -> assertThat(e.isRetryable()).isFalse());
        assertThat(github.received("POST", path)).hasSize(2);
        assertThat(github.tokenRequests()).hasSize(2);
    }

    @Test
    void anUnreachableGitHubIsRetryable() {
        github.close();

        assertThatThrownBy(() -> gateway.comment(REPO, 1, "x")).isInstanceOfSatisfying(GitHubException.class,
                e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void enterpriseServerBaseUrlIsUsedForApiAndClone() throws Exception {
        github.close();
        github = GitHubApiStub.startEnterprise().issuesTokens().hasRepository()
                .answers("GET", REPO_PATH + "/pulls/1347", 200, "pull-request.json");
        gateway = github.gateway(keys.pkcs1Pem());

        assertThat(gateway.pullRequest(REPO, 1347).number()).isEqualTo(1347);
        assertThat(github.tokenRequests()).hasSize(1);
        assertThat(github.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())))
                .allSatisfy(r -> assertThat(r.getUrl()).startsWith("/api/v3/"));
        assertThat(gateway.cloneUri(REPO))
                .isEqualTo(URI.create("http://localhost:" + github.server.port() + "/octocat/Hello-World.git"));
    }

    @Test
    void cloneUriFollowsTheApiHostUnlessAGitBaseIsConfigured() throws Exception {
        AppCredentials credentials = AppCredentials.fromPem(42, keys.pkcs8Pem());
        Hub4jGitHub dotCom = new Hub4jGitHub(GitHubSettings.GITHUB_COM_API, credentials, GitHubApiStub.loopbackOnly());
        Hub4jGitHub ghes = new Hub4jGitHub(URI.create("https://ghe.example.com/api/v3"), credentials,
                GitHubApiStub.loopbackOnly());
        Hub4jGitHub local = new Hub4jGitHub(GitHubSettings.of(GitHubSettings.GITHUB_COM_API)
                .withGitBaseUrl(URI.create("http://127.0.0.1:8123/git/")), credentials, GitHubApiStub.loopbackOnly(),
                github.clock);

        assertThat(dotCom.cloneUri(REPO)).hasToString("https://github.com/octocat/Hello-World.git");
        assertThat(ghes.cloneUri(REPO)).hasToString("https://ghe.example.com/octocat/Hello-World.git");
        assertThat(local.cloneUri(REPO)).hasToString("http://127.0.0.1:8123/git/octocat/Hello-World.git");
    }

    private List<String> authorizations(String method, String path) {
        return github.received(method, path).stream().map(r -> r.getHeader("Authorization")).toList();
    }

    private static JsonNode body(LoggedRequest request) {
        return JSON.readTree(request.getBodyAsString());
    }
}
