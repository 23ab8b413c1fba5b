package dev.truce.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.eval.CaseResult.FileStatus;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.OneSideChangedStrategy;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Verdict;
import dev.truce.testing.CarelessJavaStrategy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EvalRunnerTest {

    /** Regenerates lockfiles and blows up on a path named "boom", to drive the report's other rows. */
    private static final ResolutionStrategy LOCKFILES_AND_BOOM = new ResolutionStrategy() {
        @Override
        public String name() {
            return "test-lockfile";
        }

        @Override
        public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
            if (file.path().equals("boom.txt")) {
                // The resolver passes a strategy's RuntimeException on as a reason; a stack overflow (deep
                // recursion on a hostile file) is not caught there and must still end as this case's error.
                throw new StackOverflowError("strategy exploded");
            }
            return file.path().endsWith(".lock") ? new Verdict.Regenerate("run the package manager")
                    : new Verdict.Passed("not a lockfile", false);
        }
    };

    private final EvalRunner runner = new EvalRunner(new ConflictModelBuilder(),
            new Resolver(List.of(LOCKFILES_AND_BOOM, new OneSideChangedStrategy())));

    static EvalCase evalCase(String path, String base, String ours, String theirs, String human) {
        FileVersions v = new FileVersions(path, bytes(base), bytes(ours), bytes(theirs));
        return new EvalCase("t/" + path, v, v.presenceKind(), dev.truce.conflict.FileType.of(path).label(), human);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    // Both sides add A before 2; theirs also turns 2 into T. Once A is moved out, only theirs changed the region.
    static EvalCase resolvable(String human) {
        return evalCase("Resolvable.java", "1\n2\n3\n", "1\nA\n2\n3\n", "1\nA\nT\n3\n", human);
    }

    private static final ResolutionStrategy CARELESS = new CarelessJavaStrategy();

    @Test
    void aResultTheChecksRejectIsCountedPerCheckWithThePrecisionBeforeAndAfter() {
        EvalRunner careless = new EvalRunner(new ConflictModelBuilder(), new Resolver(List.of(CARELESS)), null);
        EvalCase broken = evalCase("A.java", "class A {\n  int a;\n}\n", "class A {\n  int b;\n}\n",
                "class A {\n  int c;\n}\n", "class A {\n  int b;\n  int c;\n}\n");

        CaseResult r = careless.run(broken);

        assertThat(r.isResolved()).isFalse();
        assertThat(r.rejectedBy()).containsExactly("syntax");
        assertThat(r.unchecked()).as("what the strategy gave, before the check").isEqualTo(Match.DIFFERENT);
        EvalReport.CheckFigures checks = new EvalReport(List.of(r)).checks();
        assertThat(checks.rejections()).containsEntry("syntax", 1);
        assertThat(checks.before()).isEqualTo(1);
        assertThat(checks.beforeMatch()).isZero();
        assertThat(checks.after()).isZero();
        JsonNode json = EvalReportJson.toJson(new EvalReport(List.of(r)), JsonMapper.builder().build());
        assertThat(json.path("checks").path("rejectedHunkResolutions").path("syntax").asInt()).isEqualTo(1);
    }

    @Test
    void resolvedHunkMatchingTheHumanCountsAsExact() {
        CaseResult r = runner.run(resolvable("1\nA\nT\n3\n"));

        assertThat(r.resolved()).isEqualTo("1\nA\nT\n3\n");
        assertThat(r.status()).isEqualTo(FileStatus.EXACT);
        assertThat(r.hunkMatches()).containsExactly(Match.EXACT);
    }

    @Test
    void whitespaceOnlyDifferencesAreNormalisedNotExact() {
        CaseResult r = runner.run(resolvable("1\nA\nT  \n3\n\n\n"));

        assertThat(r.status()).isEqualTo(FileStatus.NORMALISED);
        assertThat(r.hunkMatches()).containsExactly(Match.NORMALISED);
    }

    @Test
    void resolutionTheHumanDidNotChooseIsDifferent() {
        CaseResult r = runner.run(resolvable("1\nA\n2\n3\n"));

        assertThat(r.status()).isEqualTo(FileStatus.DIFFERENT);
        assertThat(r.hunkMatches()).containsExactly(Match.DIFFERENT);
        // Taking ours in every hunk is what the human did here.
        assertThat(r.oursHunks().file()).isEqualTo(Match.EXACT);
        assertThat(r.oursHunks().hunks()).containsExactly(Match.EXACT);
        assertThat(r.theirsHunks().file()).isEqualTo(Match.DIFFERENT);
    }

    @Test
    void lockfileIsRegeneratedAndEngineFailureIsAnErrorNotAnException() {
        List<CaseResult> results = runner.runAll(List.of(
                evalCase("poetry.lock", "v=1\n", "v=2\n", "v=3\n", "v=4\n"),
                evalCase("boom.txt", "a\n", "b\n", "c\n", "c\n"),
                resolvable("1\nA\nT\n3\n")));

        assertThat(results).extracting(CaseResult::status)
                .containsExactly(FileStatus.REGENERATE, FileStatus.ERROR, FileStatus.EXACT);
        assertThat(results.get(1).error()).contains("strategy exploded");
    }

    @Test
    void parallelRunKeepsCaseOrder() {
        List<EvalCase> cases = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            cases.add(evalCase("F" + i + ".java", "1\n2\n3\n", "1\nA\n2\n3\n", "1\nA\nT\n3\n", "x"));
        }
        List<CaseResult> results = EvalRunner.runAll(cases, 4, EvalRunner::new, done -> { });

        assertThat(results).extracting(r -> r.evalCase().id())
                .containsExactlyElementsOf(cases.stream().map(EvalCase::id).toList());
    }

    @Test
    void reportCountsFilesHunksStrategiesAndBaselines() {
        List<CaseResult> results = runner.runAll(List.of(
                resolvable("1\nA\nT\n3\n"),                                  // exact
                resolvable("1\nA\n2\n3\n"),                                     // different; ours baseline right
                evalCase("a.properties", "k=1\n", "k=2\n", "k=3\n", "k=3\n"), // left unresolved
                evalCase("poetry.lock", "v=1\n", "v=2\n", "v=3\n", "v=4\n"),  // regenerate
                evalCase("boom.txt", "a\n", "b\n", "c\n", "c\n")));          // engine error
        EvalReport report = new EvalReport(results, java.util.Map.of("corrupt lines", 2), java.util.Map.of());

        EvalReport.Figures files = report.files();
        assertThat(files.count()).isEqualTo(5);
        assertThat(files.exact()).isEqualTo(1);
        assertThat(files.different()).isEqualTo(1);
        assertThat(files.unresolved()).isEqualTo(1);
        assertThat(files.regenerate()).isEqualTo(1);
        assertThat(files.errors()).isEqualTo(1);
        assertThat(files.precision()).isEqualTo(0.5);
        assertThat(files.coverage()).isEqualTo(0.4);
        assertThat(report.hunks().resolved()).isEqualTo(2);
        assertThat(report.hunks().count()).isEqualTo(4); // the failed case has no hunks
        assertThat(report.byStrategy().get("one-side-changed"))
                .isEqualTo(new EvalReport.StrategyFigures(2, 1, 1, 2, 1));
        EvalReport.BaselineFigures theirs = report.baselines().theirsHunks();
        assertThat(theirs.filesMatch()).isEqualTo(2); // the exact case and the properties file
        assertThat(report.baselines().oursFile().filesMatch()).isEqualTo(1);

        JsonNode json = EvalReportJson.toJson(report, JsonMapper.builder().build());
        assertThat(json.at("/totals/files/exact").asInt()).isEqualTo(1);
        assertThat(json.at("/skipped/corrupt lines").asInt()).isEqualTo(2);
        assertThat(json.at("/skipped/engineErrors").asInt()).isEqualTo(1);
        assertThat(json.at("/errors/0/id").asString()).isEqualTo("t/boom.txt");
        assertThat(json.at("/languages/java/files/count").asInt()).isEqualTo(2);
        assertThat(json.at("/strategies/one-side-changed/hunksMatching").asInt()).isEqualTo(1);
    }

    @Test
    void theSummaryKeepsItsKeysInOrderAndTheTextReportPrintsTheSameFigures() {
        List<CaseResult> results = runner.runAll(List.of(resolvable("1\nA\n2\n3\n"),
                evalCase("a.properties", "k=1\n", "k=2\n", "k=3\n", "k=3\n")));
        EvalReport report = new EvalReport(results, java.util.Map.of(), java.util.Map.of("run", 5L));

        JsonNode json = EvalReportJson.toJson(report, JsonMapper.builder().build());
        assertThat(json.propertyNames()).containsExactly("totals", "skipped", "baselines", "strategies", "checks",
                "languages", "timingMillis", "errors");
        assertThat(json.get("baselines").propertyNames()).containsExactly("truce", "take ours hunks (-X ours)",
                "take theirs hunks (-X theirs)", "take whole ours file", "take whole theirs file");
        assertThat(json.at("/baselines/take whole ours file").has("hunks")).as("a whole-file baseline has no hunks")
                .isFalse();
        assertThat(json.at("/totals/files").propertyNames()).containsExactly("count", "resolved", "exact",
                "normalisedOnly", "matching", "different", "unresolved", "regenerate", "errors", "precision",
                "exactPrecision", "coverage");

        java.io.StringWriter text = new java.io.StringWriter();
        EvalReportText.print(report, new java.io.PrintWriter(text, true));
        EvalReport.BaselineFigures theirs = report.baselines().theirsHunks();
        assertThat(text.toString()).contains("Truce eval: 2 files")
                .containsPattern("take theirs hunks \\(-X theirs\\) +" + theirs.files() + " +" + theirs.filesExact())
                .contains("Time: run 5 ms");
    }
}
