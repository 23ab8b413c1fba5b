package dev.truce.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;

/** The assembler stops planning when its caller says stop (the model stage's deadline passed). */
class ContextAssemblerStopTest {

    @Test
    void groupsNotPlannedBeforeTheStopAreDeclinedSayingSo() {
        FileVersions versions = javaFile(3, 0);
        ConflictedFile file = new ConflictModelBuilder().build(versions);
        AtomicInteger asked = new AtomicInteger();

        List<PromptPlan> plans = new ContextAssembler("system", ContextAssembler.TokenBudget.DEFAULT).assemble(file,
                versions, ChangeStory.NONE, ids(file), PromptStyle.CONTEXT, RelatedChanges.Elsewhere.NONE,
                () -> asked.incrementAndGet() > 2); // the first group's check and its one trimming check pass

        assertThat(plans).hasSize(3);
        assertThat(plans.get(0).notSent()).isNull();
        assertThat(plans.get(1).notSent()).isEqualTo(ContextAssembler.STOPPED);
        assertThat(plans.get(2).notSent()).isEqualTo(ContextAssembler.STOPPED);
    }

    @Test
    void aStopDuringTrimmingEndsTheStepsThere() {
        // Sixty changes of ours away from the conflict, each a long line: far over the budget, trimmed one by one.
        FileVersions versions = javaFile(1, 60);
        ConflictedFile file = new ConflictModelBuilder().build(versions);
        ContextAssembler assembler = new ContextAssembler("system", new ContextAssembler.TokenBudget(300, 6, 120, 12));
        AtomicInteger steps = new AtomicInteger();

        PromptPlan full = assembler.assemble(file, versions, ChangeStory.NONE, ids(file), PromptStyle.CONTEXT).get(0);
        PromptPlan stopped = assembler.assemble(file, versions, ChangeStory.NONE, ids(file), PromptStyle.CONTEXT,
                RelatedChanges.Elsewhere.NONE, () -> steps.incrementAndGet() > 11).get(0);

        assertThat(full.trimmed()).hasSizeGreaterThan(50);
        assertThat(stopped.notSent()).isEqualTo(ContextAssembler.STOPPED);
        assertThat(stopped.trimmed()).hasSize(10);
    }

    private static List<Integer> ids(ConflictedFile file) {
        return file.hunks().stream().map(ConflictHunk::id).toList();
    }

    /** {@code conflicts} conflicts far apart, then {@code changes} lines only ours changed, far below them. */
    private static FileVersions javaFile(int conflicts, int changes) {
        List<String> base = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < conflicts; i++) {
            base.add("    int f" + i + "() { return " + i + "; }\n");
            ours.add("    int f" + i + "() { return " + i + " + 1; }\n");
            theirs.add("    int f" + i + "() { return " + i + " * 2; }\n");
            for (int j = 0; j < 12; j++) {
                String stable = "    // part " + i + " line " + j + "\n";
                base.add(stable);
                ours.add(stable);
                theirs.add(stable);
            }
        }
        for (int c = 0; c < changes; c++) {
            String line = "    String s" + c + " = \"" + "text ".repeat(20) + "\";\n";
            base.add(line);
            ours.add(line.replace("text", "word"));
            theirs.add(line);
            String stable = "    // gap " + c + "\n";
            base.add(stable);
            ours.add(stable);
            theirs.add(stable);
        }
        return new FileVersions("src/A.java", bytes(base), bytes(ours), bytes(theirs));
    }

    private static byte[] bytes(List<String> lines) {
        return ("class A {\n" + String.join("", lines) + "}\n").getBytes(StandardCharsets.UTF_8);
    }
}
