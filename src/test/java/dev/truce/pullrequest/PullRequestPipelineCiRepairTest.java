package dev.truce.pullrequest;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.truce.github.FailedCheck;
import dev.truce.testing.FakeGitHub;
import dev.truce.testing.ScenarioRepo;
import dev.truce.validate.SandboxSettings;

/**
 * The repository's own CI as the validator: the fix Truce proposed does not compile (the model's answer calls a method
 * the pull request renamed), the CI's check run fails with an annotation on that line, and Truce has the model
 * repair that hunk and pushes the repaired merge commit to its fix branch, keeping the rounds in the fix pull
 * request's body; bounded, and never over someone else's commit or a line it did not resolve.
 */
class PullRequestPipelineCiRepairTest extends HostedModelPipelineTest {

    static final String BUILD_FAILS = "cannot find symbol\n  symbol:   method total()\n  location: class A";

    @BeforeEach
    void start() throws Exception {
        s = new PullRequestScenario(dir).withBase("A.java", PullRequestPipelineBuildTest.BASE);
        PullRequestScenario.answersInRounds(model, PullRequestPipelineBuildTest.STALE,
                PullRequestPipelineBuildTest.REPAIRED);
    }

    /** Proposes the fix (no build configured: the CI is the check) and returns its branch's commit. */
    RevCommit proposeFix(int ciRounds) throws Exception {
        AppModels models = PullRequestScenario.hostedCoder(model.baseUrl(), "");
        s.withModelsAndBuilds(models, new AppBuilds(AppBuilds.Policy.OFF, SandboxSettings.defaults(), 2, ciRounds))
                .conflicting(PullRequestPipelineBuildTest.HEAD, PullRequestPipelineBuildTest.MAIN);
        s.config("models: [coder]\n");
        s.resolve();
        return s.commitOf(branch());
    }

    String branch() {
        return "truce/5-" + s.head.abbreviate(7).name();
    }

    void ciFails(RevCommit commit, int line) {
        s.gitHub.failedChecks.put(commit.name(), List.of(new FailedCheck("build", "failure", "Compilation failure",
                "", List.of(new FailedCheck.Annotation("A.java", line, line, "failure", BUILD_FAILS)))));
    }

    String fixBody() {
        return s.gitHub.pull(s.gitHub.opened.get(0).number()).body();
    }

    @Test
    void aFailedCheckOnTheFixIsRepairedByTheModelAndTheRepairedMergeIsPushedToTheFixBranch() throws Exception {
        RevCommit proposed = proposeFix(2);
        assertThat(ScenarioRepo.read(s.origin.repository(), proposed, "A.java")).contains("return total();");
        ciFails(proposed, 3);

        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name());

        RevCommit repaired = s.commitOf(branch());
        assertThat(repaired).isNotEqualTo(proposed);
        assertThat(repaired.getParents()).containsExactly(s.head, s.main);
        assertThat(ScenarioRepo.read(s.origin.repository(), repaired, "A.java"))
                .isEqualTo(PullRequestPipelineBuildTest.MERGED);
        assertThat(repaired.getFullMessage()).endsWith("\n\nTruce-CI-Repair: 1\n").contains("Truce-CI-Repair: 1",
                "Repaired after the checks build failed on " + proposed.abbreviate(7).name());
        model.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("CHECK FAILED for h0")).withRequestBody(containing("cannot find symbol")));
        assertThat(fixBody()).contains("**After the repository's checks**", "Round 1: `build` failed in `A.java`"
                + " hunk 1", "Truce repaired 1 hunk(s) and pushed").contains("| `A.java` | 1 |");
        assertThat(fixBody().indexOf("Round 1")).isLessThan(fixBody().indexOf("<!-- truce:"));
    }

    @Test
    void aRepairForACommitTheBranchHasMovedOnFromDoesNothing() throws Exception {
        RevCommit proposed = proposeFix(2);
        ciFails(proposed, 3);
        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name());
        RevCommit repaired = s.commitOf(branch());

        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name()); // a late event for the old commit

        assertThat(s.commitOf(branch())).isEqualTo(repaired);
        model.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void theRoundsAreBoundedAndThenTheFixPullRequestSaysAHumanIsNeeded() throws Exception {
        RevCommit proposed = proposeFix(1);
        ciFails(proposed, 3);
        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name());
        RevCommit repaired = s.commitOf(branch());
        ciFails(repaired, 3);

        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), repaired.name());

        assertThat(s.commitOf(branch())).isEqualTo(repaired);
        int fix = s.gitHub.opened.get(0).number();
        assertThat(s.gitHub.commentsOn(fix)).singleElement().asString()
                .contains("still fail after 1 round(s) of repair", "needs a human");
    }

    @Test
    void anErrorOutsideTheResolvedLinesIsNotRepairedAndTheFixPullRequestSaysSo() throws Exception {
        RevCommit proposed = proposeFix(2);
        ciFails(proposed, 1); // "class A {": a line no hunk holds

        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name());

        assertThat(s.commitOf(branch())).isEqualTo(proposed);
        model.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(s.gitHub.commentsOn(s.gitHub.opened.get(0).number())).singleElement().asString()
                .contains("none of their errors is in a line Truce resolved");
    }

    @Test
    void aFixBranchSomeoneElsePushedToIsLeftToThem() throws Exception {
        proposeFix(2);
        RevCommit theirs = s.origin.commit(branch(), s.baseTree.copy().file("A.java",
                PullRequestPipelineBuildTest.MERGED), "fixed it myself", s.head, s.main);
        ciFails(theirs, 3);

        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), theirs.name());

        assertThat(s.commitOf(branch())).isEqualTo(theirs);
        assertThat(s.gitHub.commentsOn(s.gitHub.opened.get(0).number())).singleElement().asString()
                .contains("not one Truce made");
    }

    @Test
    void passingChecksOrABranchThatIsNotTrucesDoNothing() throws Exception {
        RevCommit proposed = proposeFix(2);

        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name()); // no failed check
        s.pipeline.repairFix(PullRequestScenario.REPO, "feature", proposed.name());

        assertThat(s.commitOf(branch())).isEqualTo(proposed);
        assertThat(s.gitHub.calls).noneMatch(c -> c.startsWith("failedChecks") && c.contains("feature"));
        FakeGitHub.Opened fix = s.gitHub.opened.get(0);
        assertThat(s.gitHub.commentsOn(fix.number())).isEmpty();
    }

    @Test
    void resolvingTheSameHeadAndBaseAgainKeepsTheRepairedFixAndItsRounds() throws Exception {
        RevCommit proposed = proposeFix(2);
        ciFails(proposed, 3);
        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name());
        RevCommit repaired = s.commitOf(branch());
        String body = fixBody();

        s.resolve(ResolveRequest.Trigger.COMMENT); // someone asks again: the same head and base

        assertThat(s.commitOf(branch())).isEqualTo(repaired);
        assertThat(fixBody()).isEqualTo(body).contains("Round 1");
    }

    @Test
    void theRepairWaitsUntilEveryCheckOfTheCommitHasCompleted() throws Exception {
        RevCommit proposed = proposeFix(2);
        ciFails(proposed, 3);
        s.gitHub.pendingChecks.put(proposed.name(), 1);

        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name());
        assertThat(s.commitOf(branch())).isEqualTo(proposed);

        s.gitHub.pendingChecks.remove(proposed.name()); // the last check completed: its event comes
        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name());
        assertThat(s.commitOf(branch())).isNotEqualTo(proposed);
    }

    @Test
    void furtherEventsAboutACommitWhoseRepairFailedDoNotAskTheModelAgain() throws Exception {
        model.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("rounds").whenScenarioStateIs("repair")
                .willReturn(PullRequestPipelineBuildTest.reply("<<<HUNK h0 DECLINED>>> cannot tell which name"
                        + " the call should use\n")));
        RevCommit proposed = proposeFix(2);
        ciFails(proposed, 3);

        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name());
        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name()); // another failed check's event

        model.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))); // the fix, then one repair
        assertThat(s.commitOf(branch())).isEqualTo(proposed);
        assertThat(s.gitHub.commentsOn(s.gitHub.opened.get(0).number())).singleElement().asString()
                .contains("the repair did not pass", "The branch is left as it was");
    }

    @Test
    void hunksTheCIHasNoComplaintAboutKeepTheStrategyThatDecidedThem() throws Exception {
        String base = "class A {\n  int total() { return 1; }\n  int a() { return 0; }\n  int p;\n  int q;\n"
                + "  int r;\n  int s1;\n  int old;\n  int z;\n}\n";
        s.close();
        s = new PullRequestScenario(dir.resolve("two")).withBase("A.java", base);
        String head = base.replace("int total() { return 1; }", "int sum() { return 1; }")
                .replace("  int s1;\n  int old;", "  int s1;\n  int shared;\n  int old;");
        String main = base.replace("int total() { return 1; }\n  int a() { return 0; }",
                "int total() { return 2; }\n  int a() { return total(); }")
                .replace("  int s1;\n  int old;", "  int s1;\n  int shared;\n  int more;");
        s.withModelsAndBuilds(PullRequestScenario.hostedCoder(model.baseUrl(), ""),
                new AppBuilds(AppBuilds.Policy.OFF, SandboxSettings.defaults(), 2, 2))
                .conflicting(head, main);
        s.config("models: [coder]\n");
        s.resolve();
        RevCommit proposed = s.commitOf(branch());
        assertThat(proposed.getFullMessage()).contains("hunk 0 (ours line 2): model:coder",
                "hunk 1 (ours line 9): one-side-changed");
        String strategy = proposed.getFullMessage().lines().filter(l -> l.startsWith("  hunk 1")).findFirst()
                .orElseThrow();
        ciFails(proposed, 3);

        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name());

        RevCommit repaired = s.commitOf(branch());
        assertThat(repaired).isNotEqualTo(proposed);
        assertThat(repaired.getFullMessage()).contains(strategy).doesNotContain("as in the fix pull request");
    }

    @Test
    void aRepositoryThatAllowsNoModelIsToldTheRepairNeedsAHuman() throws Exception {
        RevCommit proposed = proposeFix(2);
        ciFails(proposed, 3);
        s.config("models: []\n");

        s.pipeline.repairFix(PullRequestScenario.REPO, branch(), proposed.name());

        assertThat(s.commitOf(branch())).isEqualTo(proposed);
        assertThat(s.gitHub.commentsOn(s.gitHub.opened.get(0).number())).singleElement().asString()
                .contains("The checks `build` failed", "this repository allows none");
    }
}
