package dev.truce.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.testing.FarApartConflicts;

/** The assembler stops planning when its caller says stop (the model stage's deadline passed). */
class ContextAssemblerStopTest {

    @Test
    void groupsNotPlannedBeforeTheStopAreDeclinedSayingSo() {
        FileVersions versions = FarApartConflicts.javaFile(3);
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
        FileVersions versions = FarApartConflicts.javaFile(1, 60);
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
}
