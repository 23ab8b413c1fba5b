package dev.truce.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.truce.testing.HostileText;

/**
 * The bounded histogram diff: the same edits as JGit's on ordinary files, and bounded time on a file built to make
 * Myers' fallback quadratic (40,000 lines of a/b changed into a/c took about a minute before). The timeouts are
 * safety nets, not benchmarks.
 */
class BoundedDiffTest {

    private static final DiffAlgorithm JGIT = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);

    @Test
    @Timeout(20)
    void aFileOfRepeatedLinesChangedEverywhereIsDiffedInBoundedTimeAsOneReplacedBlock() {
        RawText base = raw(HostileText.alternating(40_000, "a", "b"));
        RawText ours = raw(HostileText.alternating(40_000, "a", "c"));

        EditList edits = BoundedDiff.histogram().diff(RawTextComparator.DEFAULT, base, ours);

        assertThat(edits).singleElement().satisfies(e -> {
            assertThat(e.getLengthA()).isEqualTo(39_999); // everything after the first, common line
            assertThat(e.getLengthB()).isEqualTo(39_999);
        });
    }

    @Test
    @Timeout(20)
    void theConflictModelOfSuchAFileIsBuiltInBoundedTimeAndLeftToAHumanAsOneHunk() {
        byte[] base = bytes(HostileText.alternating(40_000, "a", "b"));
        byte[] ours = bytes(HostileText.alternating(40_000, "a", "c"));
        byte[] theirs = bytes(HostileText.alternating(40_000, "d", "b"));

        ConflictedFile file = new ConflictModelBuilder().build(new FileVersions("Data.java", base, ours, theirs));

        assertThat(file.hunks()).singleElement();
    }

    @Test
    void ordinaryFilesGetExactlyJGitsHistogramDiff() {
        Random random = new Random(20261201);
        for (int round = 0; round < 300; round++) {
            List<String> base = new ArrayList<>();
            int size = 20 + random.nextInt(3000);
            for (int i = 0; i < size; i++) {
                // Code-like: mostly distinct lines, some repeated ones (braces, blank lines).
                base.add(random.nextInt(6) == 0 ? (random.nextBoolean() ? "}" : "") : "line " + random.nextInt(5000));
            }
            List<String> side = new ArrayList<>(base);
            for (int e = random.nextInt(40); e > 0; e--) {
                int at = random.nextInt(side.size());
                switch (random.nextInt(3)) {
                    case 0 -> side.set(at, "changed " + random.nextInt());
                    case 1 -> side.add(at, "added " + random.nextInt());
                    default -> side.remove(at);
                }
            }
            RawText a = raw(String.join("\n", base) + "\n");
            RawText b = raw(String.join("\n", side) + "\n");
            assertThat(BoundedDiff.histogram().diff(RawTextComparator.DEFAULT, a, b))
                    .as("round %d", round).isEqualTo(JGIT.diff(RawTextComparator.DEFAULT, a, b));
        }
    }

    @Test
    void smallAnchorFreeRegionsAreStillDiffedLineByLine() {
        RawText base = raw(HostileText.alternating(1_000, "a", "b"));
        RawText ours = raw(HostileText.alternating(1_000, "a", "c"));

        assertThat(BoundedDiff.histogram().diff(RawTextComparator.DEFAULT, base, ours))
                .isEqualTo(JGIT.diff(RawTextComparator.DEFAULT, base, ours)).hasSizeGreaterThan(1);
    }

    private static RawText raw(String text) {
        return new RawText(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
