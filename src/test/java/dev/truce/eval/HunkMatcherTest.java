package dev.truce.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;

class HunkMatcherTest {

    private final HunkMatcher matcher = new HunkMatcher();

    // Both sides replace 2 by A; theirs also adds T: one hunk, ours [] / theirs [T], between "A" and "3".
    private final ConflictedFile file = new ConflictModelBuilder().build(new FileVersions("f.txt",
            "0\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8), "0\n1\nA\n3\n".getBytes(StandardCharsets.UTF_8),
            "0\n1\nA\nT\n3\n".getBytes(StandardCharsets.UTF_8)));

    @Test
    void humanEditFarFromTheHunkDoesNotCountAgainstIt() {
        assertThat(file.hunks()).hasSize(1);

        assertThat(matcher.compare(file, List.of(List.of("T\n")), "zero\n1\nA\nT\n3\n"))
                .containsExactly(Match.EXACT);
    }

    @Test
    void humanLineAddedRightAfterTheHunkMeansTheHunkMissedIt() {
        assertThat(matcher.compare(file, List.of(List.of("T\n")), "0\n1\nA\nT\nU\n3\n"))
                .containsExactly(Match.DIFFERENT);
    }

    @Test
    void undecidedHunkHasNoVerdictAndDeletedFileMatchesNothing() {
        List<List<String>> undecided = new java.util.ArrayList<>();
        undecided.add(null);
        assertThat(matcher.compare(file, undecided, "0\n1\nA\nT\n3\n")).containsExactly((Match) null);
        assertThat(matcher.compare(file, List.of(List.of("T\n")), null)).containsExactly(Match.DIFFERENT);
    }
}
