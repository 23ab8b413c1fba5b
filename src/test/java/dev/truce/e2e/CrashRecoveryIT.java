package dev.truce.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.fixtures.FakeGitHubApi;
import dev.truce.fixtures.GitHttpServer;
import dev.truce.fixtures.ScenarioRepo;
import dev.truce.fixtures.Tree;
import dev.truce.fixtures.TruceProcess;
import dev.truce.github.TestKeys;

/**
 * The built jar, killed with SIGKILL in the middle of a job and started again on the same data directory: the job
 * runs again at once (not after db-scheduler's half hour of missed heartbeats), and the pull request ends with exactly
 * one fix pull request, one link comment and a fix branch that was not rewritten. GitHub is WireMock
 * ({@link FakeGitHubApi}), git is a real smart-HTTP server; a request the test makes hang marks the moment to kill.
 */
class CrashRecoveryIT {

    private static final int PR = 1347;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String POM = """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>shop</groupId>
              <artifactId>shop</artifactId>
              <version>1.0.0</version>
              <properties>
                <jackson.version>2.17.0</jackson.version>
                <junit.version>5.10.0</junit.version>
              </properties>
            </project>
            """;

    @TempDir
    Path dir;

    private ScenarioRepo origin;
    private GitHttpServer git;
    private FakeGitHubApi github;
    private RevCommit main;
    private RevCommit feature;
    private Map<String, String> environment;
    private TruceProcess truce;

    @BeforeEach
    void fakes() throws Exception {
        origin = ScenarioRepo.initBare(dir.resolve("origin.git"));
        Tree base = Tree.of().file("pom.xml", POM);
        RevCommit first = origin.commit("main", base, "Shop");
        main = origin.commit("main", base.copy().file("pom.xml", POM.replace("2.17.0", "2.17.2")), "Jackson", first);
        feature = origin.commit("feature", base.copy().file("pom.xml", POM.replace("5.10.0", "5.11.3")), "JUnit",
                first);
        origin.setRef("refs/pull/" + PR + "/head", feature);
        github = FakeGitHubApi.start().pullRequest(PR, "feature", feature, main)
                .fixPullRequest(fixBranch(), "feature", feature);
        git = GitHttpServer.start(dir).requireToken(github.token);
        git.serve("octocat", "Hello-World", origin.repository());

        Path key = Files.writeString(dir.resolve("app.pem"), TestKeys.generated().pkcs1Pem());
        environment = new HashMap<>();
        environment.put("TRUCE_GITHUB_APPID", "4242");
        environment.put("TRUCE_GITHUB_PRIVATEKEYFILE", key.toString());
        environment.put("TRUCE_GITHUB_WEBHOOKSECRET", UUID.randomUUID().toString());
        environment.put("TRUCE_GITHUB_APIURL", github.url());
        environment.put("TRUCE_GITHUB_GITURL", "http://127.0.0.1:" + git.port());
        environment.put("TRUCE_DATADIR", dir.resolve("data").toString());
        environment.put("TRUCE_JOBS_POLLINTERVAL", "200ms");
        environment.put("TRUCE_JOBS_BACKOFF", "1s");
        environment.put("TRUCE_JOBS_SCHEDULERNAME", "replica-under-test");
        // Dead only after 6 x 5 minutes of missed heartbeats: a prompt re-run can only be the restart taking its jobs back.
        environment.put("TRUCE_JOBS_HEARTBEATINTERVAL", "5m");
    }

    @AfterEach
    void stop() throws Exception {
        if (truce != null) {
            truce.close();
        }
        git.close();
        github.close();
        origin.close();
    }

    @Test
    void killed_before_the_fetch_the_restarted_service_resolves_the_pull_request_once() throws Exception {
        StubMapping config = github.hang(request("GET", urlPathEqualTo(FakeGitHubApi.REPO
                + "/contents/.github/truce.yml")));
        killWhileWaitingFor("GET", FakeGitHubApi.REPO + "/contents/.github/truce.yml", config);
        assertThat(git.requests()).as("nothing fetched before the kill").noneMatch(r -> r.contains("upload-pack"));

        restartAndAwaitTheLinkComment();

        assertOneFixPullRequestAndOneComment();
        assertThat(pushed().getParents()).extracting(RevCommit::getId).containsExactly(feature.getId(), main.getId());
    }

    @Test
    void killed_after_the_push_the_restart_opens_the_fix_without_rewriting_the_branch() throws Exception {
        StubMapping lookup = github.hang(request("GET", urlPathEqualTo(FakeGitHubApi.REPO + "/pulls")));
        killWhileWaitingFor("GET", FakeGitHubApi.REPO + "/pulls", lookup);
        ObjectId pushedBeforeTheKill = pushed().getId();

        restartAndAwaitTheLinkComment();

        assertOneFixPullRequestAndOneComment();
        assertThat(pushed().getId()).as("the same merge commit, not a new one with a new date")
                .isEqualTo(pushedBeforeTheKill);
    }

    @Test
    void killed_after_the_pull_request_was_created_the_restart_comments_once_and_opens_no_second() throws Exception {
        StubMapping create = github.hang(request("POST", urlPathEqualTo(FakeGitHubApi.REPO + "/pulls")));
        killWhileWaitingFor("POST", FakeGitHubApi.REPO + "/pulls", create);
        github.fixPullRequestCreated(); // GitHub created it; the answer never reached the killed process

        restartAndAwaitTheLinkComment();

        assertOneFixPullRequestAndOneComment();
        assertThat(github.requests("PATCH", FakeGitHubApi.REPO + "/pulls/" + FakeGitHubApi.FIX_PR))
                .as("the existing fix pull request was updated instead").hasSize(1);
    }

    // --- steps ------------------------------------------------------------------------------------------------

    private void killWhileWaitingFor(String method, String path, StubMapping hung) throws Exception {
        truce = TruceProcess.start(environment, dir.resolve("truce.log"));
        assertThat(truce.send("pull_request", FakeGitHubApi.opened(PR, "feature", feature, main),
                UUID.randomUUID().toString())).isEqualTo(202);
        github.awaitRequest(method, path, TIMEOUT);
        truce.kill();
        github.release(hung);
    }

    private void restartAndAwaitTheLinkComment() throws Exception {
        truce = TruceProcess.start(environment, dir.resolve("truce.log"));
        await(() -> !github.commentsOn(PR).isEmpty(), "the restarted service to finish the job");
        Thread.sleep(1000); // a duplicate would follow within the poll interval
        assertThat(truce.output()).contains("were running when this replica (replica-under-test) stopped last");
    }

    private void assertOneFixPullRequestAndOneComment() {
        assertThat(github.requests("POST", FakeGitHubApi.REPO + "/pulls")).hasSize(1);
        assertThat(github.commentsOn(PR)).singleElement().asString()
                .contains("https://github.com/octocat/Hello-World/pull/" + FakeGitHubApi.FIX_PR);
    }

    private RevCommit pushed() throws Exception {
        Ref ref = origin.repository().exactRef(Constants.R_HEADS + fixBranch());
        assertThat(ref).as("the fix branch in the served repository").isNotNull();
        try (RevWalk walk = new RevWalk(origin.repository())) {
            return walk.parseCommit(ref.getObjectId());
        }
    }

    private String fixBranch() {
        return "truce/" + PR + "-" + feature.abbreviate(7).name();
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what + "; service log:\n"
                        + truce.output());
            }
            Thread.sleep(50);
        }
    }
}
