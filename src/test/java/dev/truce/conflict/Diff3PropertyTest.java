package dev.truce.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictHunk.Side;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.MarkerLabels;
import dev.truce.resolve.Resolver;

/** Seeded random edits of a random file on both sides; invariants of the conflict model and the resolver. */
class Diff3PropertyTest {

    private static final int RUNS = 2000;

    @Test
    void hunksQuoteEachVersionAtTheirLineNumbers() {
        Random random = new Random(20261121L);
        for (int run = 0; run < RUNS; run++) {
            List<String> base = randomFile(random);
            List<String> ours = edit(base, random);
            List<String> theirs = edit(base, random);
            ConflictedFile file = build(base, ours, theirs);
            for (ConflictHunk h : file.hunks()) {
                assertThat(slice(base, h.baseLine(), h.base().size())).as("run %d base", run).isEqualTo(h.base());
                assertThat(slice(ours, h.oursLine(), h.ours().size())).as("run %d ours", run).isEqualTo(h.ours());
                assertThat(slice(theirs, h.theirsLine(), h.theirs().size())).as("run %d", run).isEqualTo(h.theirs());
                assertThat(h.ours()).as("run %d: a hunk is a real disagreement", run).isNotEqualTo(h.theirs());
            }
        }
    }

    @Test
    void takingOneSideEverywhereKeepsEveryLineThatSideAdded() {
        Random random = new Random(7L);
        for (int run = 0; run < RUNS; run++) {
            List<String> base = randomFile(random);
            List<String> ours = edit(base, random);
            List<String> theirs = edit(base, random);
            ConflictedFile file = build(base, ours, theirs);
            // With every hunk taken from one side, every line that side added survives (theirs may delete base lines).
            String allOurs = pick(file, Side.OURS);
            assertThat(keepsAddedLines(base, ours, allOurs)).as("run %d", run).isTrue();
            String allTheirs = pick(file, Side.THEIRS);
            assertThat(keepsAddedLines(base, theirs, allTheirs)).as("run %d", run).isTrue();
            if (theirs.equals(base)) {
                assertThat(file.hunks()).isEmpty();
                assertThat(allOurs).isEqualTo(String.join("", ours));
            }
        }
    }

    @Test
    void theResolverNeverDropsALineOnlyOneSideAddedWithoutSayingSo() {
        Random random = new Random(99L);
        Resolver resolver = new Resolver();
        for (int run = 0; run < RUNS; run++) {
            List<String> base = randomFile(random);
            List<String> ours = edit(base, random);
            List<String> theirs = edit(base, random);
            ConflictedFile file = build(base, ours, theirs);
            FileResolution resolution = resolver.resolve(file);
            for (ConflictHunk h : file.hunks()) {
                HunkOutcome outcome = resolution.outcomes().get(h.id());
                if (!outcome.isResolved()) {
                    continue;
                }
                for (Side side : List.of(Side.OURS, Side.THEIRS)) {
                    for (String line : h.side(side)) {
                        boolean addedByThisSideOnly = !h.base().contains(line)
                                && !h.side(side == Side.OURS ? Side.THEIRS : Side.OURS).contains(line);
                        if (addedByThisSideOnly && !outcome.lines().contains(line)) {
                            assertThat(outcome.reason()).as("run %d: %s dropped %s", run, outcome.strategy(), line)
                                    .containsIgnoringCase("drop");
                        }
                    }
                }
            }
        }
    }

    private static ConflictedFile build(List<String> base, List<String> ours, List<String> theirs) {
        return new ConflictModelBuilder().build(new FileVersions("notes.txt", bytes(base), bytes(ours), bytes(theirs)));
    }

    private static String pick(ConflictedFile file, Side side) {
        List<HunkOutcome> outcomes = new ArrayList<>();
        for (ConflictHunk h : file.hunks()) {
            outcomes.add(HunkOutcome.resolved(h.id(), "pick", "pick", h.side(side)));
        }
        return new FileResolution(file, outcomes).render(MarkerLabels.DEFAULT);
    }

    private static boolean keepsAddedLines(List<String> base, List<String> side, String merged) {
        List<String> all = LineEndings.split(merged);
        return side.stream().filter(line -> !base.contains(line))
                .allMatch(line -> count(all, line) >= count(side, line));
    }

    private static long count(List<String> lines, String line) {
        return lines.stream().filter(line::equals).count();
    }

    private static List<String> slice(List<String> lines, int firstLine, int size) {
        return lines.subList(firstLine - 1, firstLine - 1 + size);
    }

    private static byte[] bytes(List<String> lines) {
        return String.join("", lines).getBytes(StandardCharsets.UTF_8);
    }

    /** A file of short lines from a small alphabet, so that repeats and ambiguous alignments are common. */
    private static List<String> randomFile(Random random) {
        List<String> lines = new ArrayList<>();
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) {
            lines.add(word(random) + "\n");
        }
        return lines;
    }

    private static List<String> edit(List<String> base, Random random) {
        List<String> out = new ArrayList<>(base);
        int edits = random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = out.isEmpty() ? 0 : random.nextInt(out.size() + 1);
            switch (random.nextInt(3)) {
                case 0 -> out.add(at, word(random) + "\n");
                case 1 -> {
                    if (at < out.size()) {
                        out.remove(at);
                    }
                }
                default -> {
                    if (at < out.size()) {
                        out.set(at, word(random) + "\n");
                    }
                }
            }
        }
        return out;
    }

    private static String word(Random random) {
        return Character.toString('a' + random.nextInt(8)) + random.nextInt(4);
    }
}
