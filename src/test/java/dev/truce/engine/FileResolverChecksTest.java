package dev.truce.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.context.PromptStyle;
import dev.truce.llm.ModelStage;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.testing.CarelessJavaStrategy;
import dev.truce.testing.ScriptedModel;
import dev.truce.validate.Check;
import dev.truce.validate.FileChecks;

/** A resolution that fails an in-process check never reaches a reviewer as it is. */
class FileResolverChecksTest {

    /** A field both sides changed differently: no strategy of the chain takes it. */
    static final String CLASH_BASE = "class A {\n  int a;\n}\n";
    static final String CLASH_OURS = "class A {\n  int b;\n}\n";
    static final String CLASH_THEIRS = "class A {\n  int c;\n}\n";

    static final ResolutionStrategy CARELESS = new CarelessJavaStrategy();

    @Test
    void aStrategyResultThatFailsACheckIsDeclinedWithTheCheckSMessageWhenThereIsNoModel() {
        FileVersions versions = versions("src/A.java", CLASH_BASE, CLASH_OURS, CLASH_THEIRS);

        FileResolver.Result result = resolve(new FileResolver(new Resolver(List.of(CARELESS)), null), versions);

        assertThat(result.unchecked().outcomes().get(0).strategy()).as("without the check").isEqualTo("careless");
        HunkOutcome outcome = result.resolution().outcomes().get(0);
        assertThat(outcome).isInstanceOfSatisfying(HunkOutcome.Unresolved.class, u -> {
            assertThat(u.cause()).isEqualTo(HunkOutcome.Cause.CHECK_FAILED);
            assertThat(u.strategy()).isEqualTo("careless");
            assertThat(u.reason()).startsWith("not taken: careless's result failed the syntax check at line 3: ")
                    .contains("does not parse as Java (both sides do)");
        });
        assertThat(result.rejections()).singleElement().satisfies(r -> {
            assertThat(r.failure().check()).isEqualTo(Check.SYNTAX);
            assertThat(r.decider().label()).isEqualTo("careless");
        });
    }

    @Test
    void aStrategyResultThatFailsACheckGoesToTheModelWithTheFailureAsAHint() {
        FileVersions versions = versions("src/A.java", CLASH_BASE, CLASH_OURS, CLASH_THEIRS);
        ScriptedModel model = new ScriptedModel(ScriptedModel.resolved(0, "keep both", "  int b;", "  int c;"));

        FileResolver.Result result = resolve(new FileResolver(new Resolver(List.of(CARELESS)), stage(model)),
                versions);

        assertThat(model.requests).singleElement().satisfies(r -> assertThat(r.content())
                .contains("CHECK FAILED for h0", "a deterministic strategy, careless, proposed this", "  |   int c\n",
                        "syntax check"));
        assertThat(result.resolution().outcomes().get(0)).isInstanceOfSatisfying(HunkOutcome.Resolved.class, r -> {
            assertThat(r.strategy()).isEqualTo("model:scripted");
            assertThat(r.repairRounds()).isEqualTo(1);
            assertThat(r.checks()).contains("markers", "syntax", "imports");
        });
        assertThat(result.resolution().resolvedText()).isEqualTo("class A {\n  int b;\n  int c;\n}\n");
    }

    @Test
    void aModelAnswerThatDoesNotParseGetsARepairRoundWithTheParserSError() {
        FileVersions versions = versions("src/A.java", CLASH_BASE, CLASH_OURS, CLASH_THEIRS);
        ScriptedModel model = new ScriptedModel(
                ScriptedModel.resolved(0, "keep both", "  int b;", "  int c"), // no semicolon: does not parse
                ScriptedModel.resolved(0, "keep both", "  int b;", "  int c;"));

        FileResolver.Result result = resolve(new FileResolver(new Resolver(), stage(model)), versions);

        assertThat(model.requests).hasSize(2);
        assertThat(model.requests.get(0).content()).doesNotContain("CHECK FAILED");
        assertThat(model.requests.get(1).content()).contains("CHECK FAILED for h0", "  |   int c\n", "syntax check");
        assertThat(result.resolution().resolvedText()).isEqualTo("class A {\n  int b;\n  int c;\n}\n");
        assertThat(result.resolution().outcomes().get(0)).isInstanceOfSatisfying(HunkOutcome.Resolved.class,
                r -> assertThat(r.repairRounds()).isEqualTo(1));
        assertThat(result.unchecked().resolvedText()).as("what the model first said").contains("  int c\n");
        assertThat(result.modelCalls()).hasSize(2);
    }

    @Test
    void anAnswerThatStillFailsAfterTheRepairRoundsIsDeclinedWithTheCheck() {
        FileVersions versions = versions("src/A.java", CLASH_BASE, CLASH_OURS, CLASH_THEIRS);
        String broken = ScriptedModel.resolved(0, "keep both", "  int b;", "  int c");
        ScriptedModel model = new ScriptedModel(broken, broken, broken);

        FileResolver.Result result = resolve(new FileResolver(new Resolver(), stage(model), new FileChecks(), 2),
                versions);

        assertThat(model.requests).as("the first answer and two repair rounds").hasSize(3);
        assertThat(result.resolution().outcomes().get(0)).isInstanceOfSatisfying(HunkOutcome.Unresolved.class, u -> {
            assertThat(u.cause()).isEqualTo(HunkOutcome.Cause.CHECK_FAILED);
            assertThat(u.reason()).startsWith("not taken: the model's answer failed the syntax check");
        });
        assertThat(result.resolution().isFullyResolved()).isFalse();
        assertThat(result.rejections()).hasSize(3);
    }

    @Test
    void aResultThatPassesIsMarkedWithTheChecksItPassed() {
        FileVersions versions = versions("src/A.java", "class A {\n  int a;\n  int z;\n}\n",
                "class A {\n  int a;\n  int b;\n  int z;\n}\n", "class A {\n  int a;\n  int b;\n  int z;\n}\n");

        FileResolver.Result result = resolve(new FileResolver(new Resolver(), null), versions);

        assertThat(result.rejections()).isEmpty();
        // Identical changes merge cleanly: no hunk, nothing to mark. A real hunk:
        FileVersions bump = versions("pom.xml", "<project>\n<version>1.0</version>\n</project>\n",
                "<project>\n<version>1.1</version>\n</project>\n", "<project>\n<version>1.2</version>\n</project>\n");
        FileResolver.Result xml = resolve(new FileResolver(new Resolver(), null), bump);
        assertThat(xml.resolution().outcomes()).allSatisfy(o -> assertThat(o)
                .isInstanceOfSatisfying(HunkOutcome.Resolved.class, r -> assertThat(r.checks())
                        .contains("markers", "syntax")));
    }

    @Test
    void withoutChecksTheResultIsTakenAsTheStrategiesGaveIt() {
        FileVersions versions = versions("src/A.java", CLASH_BASE, CLASH_OURS, CLASH_THEIRS);

        FileResolver.Result result = resolve(new FileResolver(new Resolver(List.of(CARELESS)), null, null, 0),
                versions);

        assertThat(result.resolution().isFullyResolved()).isTrue();
        assertThat(result.rejections()).isEmpty();
    }

    private static FileResolver.Result resolve(FileResolver resolver, FileVersions versions) {
        ConflictedFile file = new ConflictModelBuilder().build(versions);
        return resolver.resolve(file, FileInputs.of(versions), Deadline.NONE);
    }

    private static ModelStage stage(ScriptedModel model) {
        return new ModelStage(model, null, PromptStyle.CONTEXT);
    }

    private static FileVersions versions(String path, String base, String ours, String theirs) {
        return new FileVersions(path, bytes(base), bytes(ours), bytes(theirs));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
