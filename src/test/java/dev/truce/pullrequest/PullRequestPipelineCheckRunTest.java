package dev.truce.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.github.CheckRun;
import dev.truce.github.GitHubException;
import dev.truce.publish.CheckRuns;
import dev.truce.testing.FakeGitHub;
import dev.truce.testing.LogCapture;

/**
 * The check run named Truce on the pull request's head: in progress while Truce works, then what it did (a fix
 * proposed, parts that need a human, or that it could not finish), with the sides named by their branches.
 */
class PullRequestPipelineCheckRunTest {

    @TempDir
    Path dir;

    PullRequestScenario s;

    @BeforeEach
    void start() throws Exception {
        s = new PullRequestScenario(dir);
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    FakeGitHub.RecordedCheckRun onlyCheckRun() {
        assertThat(s.gitHub.checkRuns).hasSize(1);
        return s.gitHub.checkRuns.values().iterator().next();
    }

    @Test
    void aProposedFixShowsAsACompletedCheckOnThePullRequestsHeadLinkingTheFix() throws Exception {
        s.conflicting(PullRequestScenario.HEAD, PullRequestScenario.MAIN);
        s.resolve();

        FakeGitHub.RecordedCheckRun check = onlyCheckRun();
        assertThat(check.headSha()).isEqualTo(s.head.name());
        assertThat(s.gitHub.checkRunHistory).extracting(r -> r.run().status())
                .containsExactly(CheckRun.Status.IN_PROGRESS, CheckRun.Status.COMPLETED);
        assertThat(s.gitHub.checkRunHistory.get(0).run().summary()).contains("Truce is resolving the conflicts of"
                + " merging `main` into `feature`");
        FakeGitHub.Opened fix = s.gitHub.opened.get(0);
        CheckRun done = check.run();
        assertThat(done.name()).isEqualTo(CheckRuns.NAME);
        assertThat(done.conclusion()).isEqualTo(CheckRun.Conclusion.NEUTRAL);
        assertThat(done.title()).isEqualTo("Fix proposed in #" + fix.number() + ": 1 hunk(s)");
        assertThat(done.detailsUrl()).endsWith("/pull/" + fix.number());
        assertThat(done.summary()).contains("Merging `main` into `feature` conflicts in 1 file(s), 1 hunk(s).",
                "The fix is pull request #" + fix.number(), "**Resolved**: 1 hunk(s) (`", "**Validation**");
    }

    @Test
    void strategyReasonsNameTheSidesByTheirBranchesNotOursAndTheirs() throws Exception {
        s.conflicting(PullRequestScenario.HEAD, PullRequestScenario.MAIN);
        s.resolve();

        String row = s.gitHub.opened.get(0).body().lines().filter(l -> l.startsWith("| `A.java`")).findFirst()
                .orElseThrow();
        assertThat(row).contains("main").doesNotContainPattern("\\b(ours|theirs)\\b");
    }

    @Test
    void partsThatNeedAHumanMakeTheCheckAskForActionAndListThem() throws Exception {
        s.conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.resolve();

        CheckRun done = onlyCheckRun().run();
        assertThat(done.conclusion()).isEqualTo(CheckRun.Conclusion.ACTION_REQUIRED);
        assertThat(done.title()).isEqualTo("1 part(s) need a human");
        assertThat(done.summary()).contains("**Needs a human**: 1 part(s); nothing was pushed", "`A.java` hunk 1")
                .doesNotContainPattern("\\b(ours|theirs)\\b");
    }

    @Test
    void aJobThatStopsOnAnErrorLeavesAFailedCheckNotOneThatSpinsForever() throws Exception {
        s.conflicting(PullRequestScenario.HEAD, PullRequestScenario.MAIN);
        s.gitHub.failNextComments = 1; // the comment linking the fix fails: the job is retried later

        assertThatThrownBy(s::resolve).isInstanceOf(GitHubException.class);

        CheckRun done = onlyCheckRun().run();
        assertThat(done.conclusion()).isEqualTo(CheckRun.Conclusion.FAILURE);
        assertThat(done.summary()).contains("tries again when the error may pass").doesNotContain("502");
    }

    @Test
    void anInstallationWithoutChecksPermissionStillGetsItsFixAndTheLogSaysWhatToGrant() throws Exception {
        s.conflicting(PullRequestScenario.HEAD, PullRequestScenario.MAIN);
        s.gitHub.checksForbidden = true;
        try (LogCapture log = LogCapture.of(CheckRuns.class)) {
            s.resolve();

            assertThat(s.gitHub.opened).hasSize(1);
            assertThat(s.gitHub.checkRuns).isEmpty();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("Checks: Read and write"));
        }
    }

    @Test
    void aPullRequestWithoutAConflictGetsNoCheckRun() throws Exception {
        s.conflicting(PullRequestScenario.HEAD, PullRequestScenario.HEAD);
        s.resolve();

        assertThat(s.gitHub.checkRuns).isEmpty();
    }
}
