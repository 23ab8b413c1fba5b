package dev.truce.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

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

import dev.truce.testing.FakeGitHubApi;
import dev.truce.testing.TruceProcess;

/**
 * The built jar, killed with SIGKILL in the middle of a job and started again on the same data directory: the job
 * runs again at once (not after db-scheduler's half hour of missed heartbeats), and the pull request ends with exactly
 * one fix pull request, one link comment and a fix branch that was not rewritten. GitHub is WireMock
 * ({@link FakeGitHubApi}), git is a real smart-HTTP server; a request the test makes hang marks the moment to kill.
 */
class CrashRecoveryIT {

    private static final int PR = PomConflict.PR;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private PomConflict scenario;
    private TruceProcess truce;

    @BeforeEach
    void fakes() throws Exception {
        scenario = PomConflict.start(dir, "replica-under-test");
    }

    @AfterEach
    void stop() throws Exception {
        if (truce != null) {
            truce.close();
        }
        scenario.close();
    }

    @Test
    void killed_before_the_fetch_the_restarted_service_resolves_the_pull_request_once() throws Exception {
        StubMapping config = scenario.github.hang(request("GET", urlPathEqualTo(FakeGitHubApi.REPO
                + "/contents/.github/truce.yml")));
        killWhileWaitingFor("GET", FakeGitHubApi.REPO + "/contents/.github/truce.yml", config);
        assertThat(scenario.git.requests()).as("nothing fetched before the kill")
                .noneMatch(r -> r.contains("upload-pack"));

        restartAndAwaitTheLinkComment();

        assertOneFixPullRequestAndOneComment();
        assertThat(pushed().getParents()).extracting(RevCommit::getId)
                .containsExactly(scenario.feature.getId(), scenario.main.getId());
    }

    @Test
    void killed_after_the_push_the_restart_opens_the_fix_without_rewriting_the_branch() throws Exception {
        StubMapping lookup = scenario.github.hang(request("GET", urlPathEqualTo(FakeGitHubApi.REPO + "/pulls")));
        killWhileWaitingFor("GET", FakeGitHubApi.REPO + "/pulls", lookup);
        ObjectId pushedBeforeTheKill = pushed().getId();

        restartAndAwaitTheLinkComment();

        assertOneFixPullRequestAndOneComment();
        assertThat(pushed().getId()).as("the same merge commit, not a new one with a new date")
                .isEqualTo(pushedBeforeTheKill);
    }

    @Test
    void killed_after_the_pull_request_was_created_the_restart_comments_once_and_opens_no_second() throws Exception {
        StubMapping create = scenario.github.hang(request("POST", urlPathEqualTo(FakeGitHubApi.REPO + "/pulls")));
        killWhileWaitingFor("POST", FakeGitHubApi.REPO + "/pulls", create);
        scenario.github.fixPullRequestCreated(); // GitHub created it; the answer never reached the killed process

        restartAndAwaitTheLinkComment();

        assertOneFixPullRequestAndOneComment();
        assertThat(scenario.github.requests("PATCH", FakeGitHubApi.REPO + "/pulls/" + FakeGitHubApi.FIX_PR))
                .as("the existing fix pull request was updated instead").hasSize(1);
    }

    // --- steps ------------------------------------------------------------------------------------------------

    private void killWhileWaitingFor(String method, String path, StubMapping hung) throws Exception {
        truce = TruceProcess.start(scenario.environment, dir.resolve("truce.log"));
        assertThat(scenario.sendOpened(truce)).isEqualTo(202);
        scenario.github.awaitRequest(method, path, TIMEOUT);
        truce.kill();
        scenario.github.release(hung);
    }

    private void restartAndAwaitTheLinkComment() throws Exception {
        truce = TruceProcess.start(scenario.environment, dir.resolve("truce.log"));
        truce.await(() -> !scenario.github.commentsOn(PR).isEmpty(), "the restarted service to finish the job",
                TIMEOUT);
        Thread.sleep(1000); // a duplicate would follow within the poll interval
        assertThat(truce.output()).contains("were running when this replica (replica-under-test) stopped last");
    }

    private void assertOneFixPullRequestAndOneComment() {
        assertThat(scenario.github.requests("POST", FakeGitHubApi.REPO + "/pulls")).hasSize(1);
        assertThat(scenario.github.commentsOn(PR)).singleElement().asString()
                .contains("https://github.com/octocat/Hello-World/pull/" + FakeGitHubApi.FIX_PR);
    }

    private RevCommit pushed() throws Exception {
        Ref ref = scenario.origin.repository().exactRef(Constants.R_HEADS + fixBranch());
        assertThat(ref).as("the fix branch in the served repository").isNotNull();
        try (RevWalk walk = new RevWalk(scenario.origin.repository())) {
            return walk.parseCommit(ref.getObjectId());
        }
    }

    private String fixBranch() {
        return scenario.fixBranch();
    }

}
