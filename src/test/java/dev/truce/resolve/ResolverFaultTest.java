package dev.truce.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Verdict;

/** A strategy's own fault is never an engine error: the hunk goes on, with a reason. */
class ResolverFaultTest {

    private static ResolutionStrategy named(String name, boolean fails) {
        return new ResolutionStrategy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
                if (fails) {
                    throw new IndexOutOfBoundsException("fromIndex(1) > toIndex(0)");
                }
                return new Verdict.Resolved(hunk.ours(), "took ours");
            }
        };
    }

    private static ConflictedFile file() {
        return new ConflictModelBuilder().build(new FileVersions("a.txt", "a\n".getBytes(StandardCharsets.UTF_8),
                "b\n".getBytes(StandardCharsets.UTF_8), "c\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aStrategyThatThrowsPassesTheHunkToTheNextOne() {
        HunkOutcome outcome = new Resolver(List.of(named("broken", true), named("next", false)))
                .resolve(file(), Deadline.NONE).outcomes().get(0);

        assertThat(outcome.strategy()).isEqualTo("next");
    }

    @Test
    void aStrategyThatThrowsLastLeavesTheHunkForTheModelSayingWhy() {
        HunkOutcome outcome = new Resolver(List.of(named("broken", true))).resolve(file(), Deadline.NONE).outcomes()
                .get(0);

        assertThat(outcome.isResolved()).isFalse();
        assertThat(outcome.reason()).isEqualTo("broken: failed on this hunk (IndexOutOfBoundsException), so it decides"
                + " nothing here");
    }
}
