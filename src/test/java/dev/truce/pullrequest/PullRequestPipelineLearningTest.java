package dev.truce.pullrequest;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import javax.sql.DataSource;

import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.truce.history.Calibration;
import dev.truce.history.JdbcCalibrationStore;
import dev.truce.provider.ModelCatalog;
import dev.truce.testing.AdjacentEditsMerge;
import dev.truce.testing.FakeGitHub;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.SharedDatabases;
import dev.truce.testing.Tree;

/**
 * The App learning a repository's conventions from its own history: a repository whose maintainers, in an earlier
 * merge, kept the receiving branch's line in twelve properties files where both sides edited adjacent lines (so
 * separate-line-edits, which keeps both edits, was wrong there every time), then a pull request with the same kind of
 * conflict. The calibration job stores the calibration; the pipeline then leaves separate-line-edits out for
 * properties files, says so in the fix pull request, and shows the model the earlier resolution as a precedent.
 */
class PullRequestPipelineLearningTest {

    static final int FILES = AdjacentEditsMerge.FILES;
    static final String PROPERTIES = "module0/app.properties";

    @TempDir
    Path dir;

    PullRequestScenario s;
    WireMockServer model;
    DataSource database;
    JdbcCalibrationStore store;

    @BeforeEach
    void start() throws Exception {
        s = new PullRequestScenario(dir);
        model = new WireMockServer(wireMockConfig().dynamicPort());
        model.start();
        // Keeps the base branch's version line and the head's flag, as a maintainer of this repository would not.
        String answer = "<<<HUNK h0 RESOLVED confidence=high>>>\nversion=3.0\nflag=off\n<<<END h0>>>\n"
                + "rationale: the release branch's lines win here\n";
        model.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(PullRequestScenario.modelReply(answer)));
        database = SharedDatabases.h2();
        store = new JdbcCalibrationStore(database);
        s.withLearning(models(), new RepositoryLearning(store, RepositoryLearning.Settings.DEFAULTS,
                Clock.systemUTC()));
    }

    @AfterEach
    void stop() throws Exception {
        model.stop();
        s.close();
    }

    AppModels models() {
        String yaml = "models:\n  coder:\n    provider: openai\n    base-url: " + model.baseUrl() + "/v1\n"
                + "    model: coder\n    local: false\n    prices: {input: 3, output: 15}\n";
        return new AppModels(ModelCatalog.parse(new StringReader(yaml), "models.yml", name -> null,
                Clock.systemUTC()), "coder");
    }

    /** The earlier merge: twelve properties files, both sides editing adjacent lines, the receiving side kept. */
    RevCommit earlierMerge(RevCommit parent, Tree start) throws Exception {
        Tree base = start.copy();
        Tree ours = start.copy();
        Tree theirs = start.copy();
        Tree merged = start.copy();
        AdjacentEditsMerge.addTo(base, ours, theirs, merged, true);
        RevCommit b = parent == null ? s.origin.commit("main", base, "base")
                : s.origin.commit("main", base, "base", parent);
        RevCommit o = s.origin.commit("main", ours, "release 2.0", b);
        RevCommit t = s.origin.commit("old-feature", theirs, "turn the flags on", b);
        return s.origin.commit("main", merged, "Merge branch 'old-feature'", o, t);
    }

    static Tree mergedTree() {
        Tree t = Tree.of().file("README.md", "app\n");
        for (int i = 0; i < FILES; i++) {
            t.file(AdjacentEditsMerge.path(i), AdjacentEditsMerge.ours(i));
        }
        return t;
    }

    /**
     * The earlier merge, then #5 turning module0's flag on while main raises its version: the adjacent edits conflict
     * as in the earlier merge.
     */
    void historyThenPullRequest() throws Exception {
        RevCommit merge = earlierMerge(null, Tree.of().file("README.md", "app\n"));
        s.head = s.origin.commit("feature", mergedTree().file(PROPERTIES, "name=m0\nversion=2.0\nflag=on\nend=1\n"),
                "pr: turn module0's flag on", merge);
        s.main = s.origin.commit("main", mergedTree().file(PROPERTIES, "name=m0\nversion=3.0\nflag=off\nend=1\n"),
                "release 3.0", merge);
        s.publishPull(s.head, "octo/app");
        s.config("models: [coder]\n");
    }

    String fixBody() {
        return s.gitHub.opened.get(0).body();
    }

    @Test
    void theCalibrationJobStoresWhatTheRepositorysHistorySays() throws Exception {
        historyThenPullRequest();

        s.pipeline.calibrate(PullRequestScenario.REPO);

        Calibration stored = store.find("octo/app").orElseThrow().calibration();
        assertThat(stored.of("separate-line-edits").decisionFor("properties")).isEqualTo(Calibration.Decision.OFF);
        assertThat(stored.changes()).singleElement().asString()
                .contains("separate-line-edits off for properties files: right in 0 of 12 earlier decisions");
    }

    @Test
    void aStoredCalibrationTurnsTheStrategyOffTheFixPullRequestSaysSoAndThePromptHasThePrecedent() throws Exception {
        historyThenPullRequest();
        s.pipeline.calibrate(PullRequestScenario.REPO);

        s.resolve();

        assertThat(s.gitHub.opened).singleElement();
        assertThat(fixBody()).contains("`model:coder`", "**Calibration**",
                "separate-line-edits is off for properties files in this repository: right in 0 of 12 earlier"
                        + " decisions (0.0%)");
        assertThat(ScenarioRepo.read(s.origin.repository(), s.commitOf("truce/5-" + s.head.abbreviate(7).name()),
                PROPERTIES)).isEqualTo("name=m0\nversion=3.0\nflag=off\nend=1\n");
        assertThat(s.gitHub.checkRuns.values()).last().extracting(c -> c.run().summary()).asString()
                .contains("separate-line-edits is off for properties files");
        // The model was shown how the maintainers resolved this file before.
        model.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("PRECEDENTS (how this repository"))
                .withRequestBody(containing("same file")));
    }

    @Test
    void withoutACalibrationSeparateLineEditsDecidesAndNoModelIsAsked() throws Exception {
        historyThenPullRequest();

        s.resolve(); // nothing calibrated yet

        assertThat(s.gitHub.opened).singleElement();
        assertThat(fixBody()).contains("separate-line-edits").doesNotContain("**Calibration**");
        assertThat(ScenarioRepo.read(s.origin.repository(), s.commitOf("truce/5-" + s.head.abbreviate(7).name()),
                PROPERTIES)).isEqualTo("name=m0\nversion=3.0\nflag=on\nend=1\n");
        model.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void aStrategiesBlockInTruceYmlWinsOverTheCalibration() throws Exception {
        historyThenPullRequest();
        s.pipeline.calibrate(PullRequestScenario.REPO);
        s.config("models: [coder]\nstrategies: {with: [list-insertion]}\n");

        s.resolve();

        assertTheDefaultChainDecided();
    }

    @Test
    void mergesNewerThanThePullRequestsHeadAreNeverUsed() throws Exception {
        headBeforeTheHistory();
        s.config("models: [coder]\n");
        s.pipeline.calibrate(PullRequestScenario.REPO);
        assertThat(store.find("octo/app")).isPresent();

        s.resolve();

        // The calibration learned from a later merge: the default chain decided, as if nothing had been learned.
        assertTheDefaultChainDecided();
    }

    @Test
    void precedentsFromMergesNewerThanTheHeadNeverReachThePrompt() throws Exception {
        headBeforeTheHistory();
        // The repository sends every hunk of this kind to the model.
        s.config("models: [coder]\nstrategies: {without: [separate-line-edits]}\n");
        s.pipeline.calibrate(PullRequestScenario.REPO);

        s.resolve();

        model.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(notContaining("PRECEDENTS")));
    }

    @Test
    void aRepositoryWithoutADefaultBranchFailsTheCalibrationAndKeepsThePreviousOne() throws Exception {
        historyThenPullRequest();
        s.pipeline.calibrate(PullRequestScenario.REPO);
        Instant first = store.find("octo/app").orElseThrow().calibratedAt();
        // HEAD now names a branch that does not exist: nothing to learn from.
        RefUpdate head = s.origin.repository().updateRef("HEAD");
        head.link("refs/heads/gone");

        assertThatThrownBy(() -> s.pipeline.calibrate(PullRequestScenario.REPO)).isInstanceOf(IOException.class);

        assertThat(store.find("octo/app").orElseThrow().calibratedAt()).isEqualTo(first);
        s.resolve();
        assertThat(fixBody()).contains("separate-line-edits is off for properties files");
    }

    @Test
    void aHistoryThatIsNotCommitsFailsTheCalibrationAndStoresNothing() throws Exception {
        historyThenPullRequest();
        // The default branch points at a tree, not a commit: garbage a server may still advertise.
        s.origin.setRef("refs/heads/main", s.main.getTree());

        assertThatThrownBy(() -> s.pipeline.calibrate(PullRequestScenario.REPO)).isInstanceOf(IOException.class);

        assertThat(store.find("octo/app")).isEmpty();
    }

    /** #5's head is committed first; the merge the repository learns from, and main's release, come after it. */
    private void headBeforeTheHistory() throws Exception {
        RevCommit root = s.origin.commit("main", mergedTree(), "base");
        s.head = s.origin.commit("feature", mergedTree().file(PROPERTIES, "name=m0\nversion=2.0\nflag=on\nend=1\n"),
                "pr: turn module0's flag on", root);
        RevCommit merge = earlierMerge(root, mergedTree());
        s.main = s.origin.commit("main", mergedTree().file(PROPERTIES, "name=m0\nversion=3.0\nflag=off\nend=1\n"),
                "release 3.0", merge);
        s.publishPull(s.head, "octo/app");
    }

    /** No calibration note, separate-line-edits' result committed, and no model asked. */
    private void assertTheDefaultChainDecided() throws Exception {
        assertThat(fixBody()).doesNotContain("**Calibration**");
        assertThat(ScenarioRepo.read(s.origin.repository(), s.commitOf("truce/5-" + s.head.abbreviate(7).name()),
                PROPERTIES)).isEqualTo("name=m0\nversion=3.0\nflag=on\nend=1\n");
        model.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }
}
