package dev.truce.pullrequest;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.truce.testing.ScenarioRepo;
import dev.truce.validate.BubblewrapSandbox;
import dev.truce.validate.SandboxSettings;
import dev.truce.validate.SandboxUnavailableException;

/**
 * The repository's build in the App ({@code validation:} in its {@code .github/truce.yml}): the PR renames
 * {@code total()} to {@code sum()} while the base changes the line that calls it; the model's first answer still
 * calls {@code total()}, javac says so, the error goes back to the model, and only a merge that compiles is proposed.
 * The build runs in the bubblewrap sandbox where it can, and not at all where it cannot unless the operator opted out.
 */
class PullRequestPipelineBuildTest extends HostedModelPipelineTest {

    static final String BASE = "class A {\n  int total() { return 1; }\n  int a() { return 0; }\n}\n";
    static final String HEAD = "class A {\n  int sum() { return 1; }\n  int a() { return 0; }\n}\n";
    static final String MAIN = "class A {\n  int total() { return 2; }\n  int a() { return total(); }\n}\n";
    static final String MERGED = "class A {\n  int sum() { return 2; }\n  int a() { return sum(); }\n}\n";
    static final String BUILD = "validation: [\"mkdir -p out && javac -d out A.java\"]\nmodels: [coder]\n";

    static final String STALE = answer("  int sum() { return 2; }", "  int a() { return total(); }");
    static final String REPAIRED = answer("  int sum() { return 2; }", "  int a() { return sum(); }");

    @BeforeEach
    void start() throws Exception {
        s = new PullRequestScenario(dir).withBase("A.java", BASE);
    }

    static String answer(String... lines) {
        return "<<<HUNK h0 RESOLVED confidence=high>>>\n" + String.join("\n", lines) + "\n<<<END h0>>>\n"
                + "rationale: the head renamed total() to sum(); keep the base's new value\n";
    }

    /** The model answers {@code first}, then {@code then} to every further request. */
    void modelAnswers(String first, String then) {
        PullRequestScenario.answersInRounds(model, first, then);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder reply(String answer) {
        return PullRequestScenario.modelReply(answer);
    }

    AppModels models() {
        return PullRequestScenario.hostedCoder(model.baseUrl(), "");
    }

    static AppBuilds builds(AppBuilds.Policy policy, SandboxSettings sandbox) {
        return new AppBuilds(policy, sandbox, 2);
    }

    String fixBranch() {
        return "truce/5-" + s.head.abbreviate(7).name();
    }

    static boolean sandboxWorks() {
        try {
            BubblewrapSandbox.create(SandboxSettings.defaults());
            return true;
        } catch (SandboxUnavailableException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void aBuildErrorInTheModelsAnswerGoesBackToItAndOnlyTheRepairedMergeIsProposed() throws Exception {
        Assumptions.assumeTrue(sandboxWorks(), "bubblewrap is not usable here: the sandboxed build is not tried");
        modelAnswers(STALE, REPAIRED);
        s.withModelsAndBuilds(models(), builds(AppBuilds.Policy.SANDBOXED, SandboxSettings.defaults()))
                .conflicting(HEAD, MAIN);
        s.config(BUILD);
        s.resolve();

        RevCommit fix = s.commitOf(fixBranch());
        assertThat(fix.getParents()).containsExactly(s.head, s.main);
        assertThat(ScenarioRepo.read(s.origin.repository(), fix, "A.java")).isEqualTo(MERGED);
        model.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        model.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(
                "CHECK FAILED for h0")).withRequestBody(containing("cannot find symbol")));
        String body = s.gitHub.opened.get(0).body();
        assertThat(body).contains("**Validation**", "built 2 time(s)", "after each of 1 repair round(s)",
                "**passed**", "`mkdir -p out && javac -d out A.java` failed (exit code 1)",
                "`mkdir -p out && javac -d out A.java` passed", "sandboxed (bubblewrap: no network");
    }

    @Test
    void aMergeThatStillDoesNotBuildAfterTheRepairRoundsIsNotProposedAndTheCommentShowsTheError()
            throws Exception {
        Assumptions.assumeTrue(sandboxWorks(), "bubblewrap is not usable here: the sandboxed build is not tried");
        modelAnswers(STALE, STALE);
        s.withModelsAndBuilds(models(), builds(AppBuilds.Policy.SANDBOXED, SandboxSettings.defaults()))
                .conflicting(HEAD, MAIN);
        s.config(BUILD);
        s.resolve();

        assertThat(s.gitHub.opened).isEmpty();
        assertThat(s.truceBranches()).isEmpty();
        model.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions"))); // the answer and two repair rounds
        assertThat(s.gitHub.commentsOn(5)).singleElement().asString().contains("1 part(s) need a human",
                "`A.java` hunk 1", "cannot find symbol", "**Validation**", "**failed**", "The last ");
    }

    @Test
    void withoutAWorkingSandboxNoBuildRunsAndTheFixPullRequestSaysSo() throws Exception {
        modelAnswers(REPAIRED, REPAIRED);
        SandboxSettings missing = new SandboxSettings(dir.resolve("no-such-bwrap").toString(),
                SandboxSettings.defaults().limits(), SandboxSettings.defaults().environment(), java.util.List.of(),
                java.util.List.of(), 65534);
        s.withModelsAndBuilds(models(), builds(AppBuilds.Policy.SANDBOXED, missing)).conflicting(HEAD, MAIN);
        s.config("validation: [\"touch built-" + "here\"]\nmodels: [coder]\n");
        s.resolve();

        assertThat(s.gitHub.opened).singleElement().extracting(o -> o.body()).asString().contains(
                "No build ran: this Truce server has no build sandbox", "was not found",
                "its operator has not allowed builds without one; the repository's CI checks the fix instead");
        model.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void anOperatorWhoOptsOutOfTheSandboxGetsTheBuildAndEveryFixPullRequestSaysItWasNotSandboxed()
            throws Exception {
        modelAnswers(STALE, REPAIRED);
        s.withModelsAndBuilds(models(), builds(AppBuilds.Policy.UNSANDBOXED, SandboxSettings.defaults()))
                .conflicting(HEAD, MAIN);
        s.config(BUILD);
        s.resolve();

        assertThat(ScenarioRepo.read(s.origin.repository(), s.commitOf(fixBranch()), "A.java")).isEqualTo(MERGED);
        assertThat(s.gitHub.opened.get(0).body()).contains("**passed**", "NOT SANDBOXED");
    }

    @Test
    void aBuildErrorInCleanlyMergedLinesIsFixedThereAndTheFixPullRequestListsThatChangeApart() throws Exception {
        // The head renames total to sum; the base renames its parameters and, far below, starts calling total.
        String totals = "package shop;\n\npublic class Totals {\n    public static int %s {\n"
                + "        return %s;\n    }\n\n    static int one() {\n        return 1;\n    }\n\n"
                + "    static int two() {\n        return %s;\n    }\n}\n";
        s.close();
        s = new PullRequestScenario(dir.resolve("totals")).withBase("Totals.java", totals.formatted(
                "total(int a, int b)", "a + b", "2"));
        modelAnswers(answer("    public static int sum(int x, int y) {", "        return x + y;"),
                answer("", "    static int two() {", "        return sum(1, 1);", "    }", "}"));
        s.withModelsAndBuilds(models(), builds(AppBuilds.Policy.UNSANDBOXED, SandboxSettings.defaults()))
                .conflicting("Totals.java", totals.formatted("sum(int a, int b)", "a + b", "2"),
                        totals.formatted("total(int x, int y)", "x + y", "total(1, 1)"));
        s.config("validation: [\"mkdir -p out && javac -d out Totals.java\"]\nmodels: [coder]\n");
        s.resolve();

        RevCommit fix = s.commitOf(fixBranch());
        assertThat(ScenarioRepo.read(s.origin.repository(), fix, "Totals.java"))
                .isEqualTo(totals.formatted("sum(int x, int y)", "x + y", "sum(1, 1)"));
        assertThat(s.gitHub.opened.get(0).body()).contains("**Changed outside the conflicts** to make the build pass",
                "`Totals.java` line 11, by `model:coder`", "cannot find symbol", "-         return total(1, 1);",
                "+         return sum(1, 1);", "**passed**");
    }

    @Test
    void aRepositoryWithoutBuildCommandsGetsTheInProcessChecksAndThePullRequestSaysNoBuildRan() throws Exception {
        modelAnswers(REPAIRED, REPAIRED);
        s.withModelsAndBuilds(models(), builds(AppBuilds.Policy.UNSANDBOXED, SandboxSettings.defaults()))
                .conflicting(HEAD, MAIN);
        s.config("models: [coder]\n");
        s.resolve();

        assertThat(s.gitHub.opened.get(0).body()).contains("checked for conflict markers, syntax and imports",
                "No build ran: the repository configures no build commands (validation: in .github/truce.yml)");
    }
}
