package dev.truce.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.llm.SystemPrompt;
import org.junit.jupiter.api.Test;

/** Trimming to the token budget follows the documented priority and never cuts a hunk. */
class ContextBudgetTest {

    private static final int SYSTEM = new TokenCounter().count(SystemPrompt.text());

    static String longFile(String middle) {
        StringBuilder s = new StringBuilder("class Big {\n");
        for (int i = 0; i < 60; i++) {
            s.append("    int f").append(i).append("() { return ").append(i).append("; }\n");
        }
        s.append("    int g() {\n        return ").append(middle).append(";\n    }\n}\n");
        return s.toString();
    }

    private List<PromptPlan> plan(int budget) {
        String base = longFile("0");
        String ours = longFile("1").replace("return 3;", "return 33;").replace("return 50;", "return 55;");
        String theirs = longFile("2").replace("return 10;", "return 11;");
        FileVersions v = ContextAssemblerGoldenTest.versions("Big.java", base, ours, theirs);
        ConflictedFile file = ContextAssemblerGoldenTest.build(v);
        ContextAssembler assembler = new ContextAssembler(SystemPrompt.text(),
                new ContextAssembler.TokenBudget(budget, 6, 120, 12));
        return assembler.assemble(file, v, new ChangeStory(List.of("a", "b"), List.of("c"), "title", "body"),
                List.of(0), PromptStyle.CONTEXT);
    }

    @Test
    void aGenerousBudgetKeepsEverything() {
        PromptPlan p = plan(100_000).get(0);
        assertThat(p.trimmed()).isEmpty();
        assertThat(p.content()).contains("WHAT OURS CHANGED", "WHAT THEIRS CHANGED", "ENCLOSING CODE");
    }

    @Test
    void farSideChangesGoFirstThenTheDeclarationThenMessages() {
        PromptPlan p = plan(SYSTEM + 330).get(0);
        assertThat(p.notSent()).isNull();
        assertThat(p.trimmed().get(0)).isEqualTo("a change of ours 57 lines away");
        assertThat(p.content()).contains("return 1;", "return 2;");
        PromptPlan tight = plan(SYSTEM + 200).get(0);
        assertThat(tight.notSent()).isNull();
        assertThat(tight.trimmed()).containsSubsequence("a change of ours 57 lines away",
                "pull request description", "commit messages after the first per side");
        assertThat(tight.content()).contains("ours (lines 63-63):\n  |         return 1;");
    }

    @Test
    void hunksAloneOverTheBudgetAreDeclinedNotCut() {
        PromptPlan p = plan(SYSTEM + 20).get(0);
        assertThat(p.notSent()).isEqualTo("hunk larger than the model budget");
        assertThat(p.content()).isEmpty();
    }

    /** Ours renames {@code f5} far from the conflict; the conflict still calls {@code f5()}. */
    private PromptPlan renamePlan(int budget) {
        String base = longFile("f5()");
        String ours = longFile("f5() + 1").replace("int f5()", "int five()").replace("return 50;", "return 55;");
        String theirs = longFile("f5() + 2").replace("return 10;", "return 11;");
        FileVersions v = ContextAssemblerGoldenTest.versions("Big.java", base, ours, theirs);
        ConflictedFile file = ContextAssemblerGoldenTest.build(v);
        ContextAssembler assembler = new ContextAssembler(SystemPrompt.text(),
                new ContextAssembler.TokenBudget(budget, 6, 120, 12));
        return assembler.assemble(file, v, new ChangeStory(List.of("a", "b"), List.of("c"), "title", "body"),
                List.of(0), PromptStyle.CONTEXT).get(0);
    }

    @Test
    void relatedChangesOutliveSideChangesAndGoBeforeTheDeclarationIsCut() {
        String related = "a related change: ours rename of `f5`";
        assertThat(renamePlan(100_000).content()).contains("RELATED CHANGES",
                "ours renamed `f5` to `five` in Big.java:7; the conflict uses the old name `f5`");
        boolean relatedWithoutSideChanges = false;
        boolean relatedTrimmed = false;
        for (int budget = SYSTEM + 900; budget > SYSTEM + 20; budget -= 5) {
            PromptPlan p = renamePlan(budget);
            if (p.notSent() != null) {
                break;
            }
            List<String> trimmed = p.trimmed();
            int lastSideChange = -1;
            for (int i = 0; i < trimmed.size(); i++) {
                if (trimmed.get(i).startsWith("a change of ")) {
                    lastSideChange = i;
                }
            }
            int relatedAt = trimmed.indexOf(related);
            int cutAt = trimmed.indexOf("enclosing declaration cut to 12 lines either side");
            if (relatedAt >= 0) {
                relatedTrimmed = true;
                assertThat(relatedAt).as("trimmed %s", trimmed).isGreaterThan(lastSideChange);
                assertThat(p.content()).doesNotContain("RELATED CHANGES", "WHAT OURS CHANGED", "WHAT THEIRS CHANGED");
            } else {
                assertThat(p.content()).contains("RELATED CHANGES");
                assertThat(cutAt).as("trimmed %s", trimmed).isEqualTo(-1);
                relatedWithoutSideChanges |= !p.content().contains("WHAT OURS CHANGED")
                        && !p.content().contains("WHAT THEIRS CHANGED");
            }
            if (cutAt >= 0) {
                assertThat(relatedAt).as("trimmed %s", trimmed).isBetween(0, cutAt);
            }
        }
        assertThat(relatedWithoutSideChanges).as("a budget keeps the related change after all side changes went").isTrue();
        assertThat(relatedTrimmed).as("a tighter budget trims the related change too").isTrue();
    }
}
