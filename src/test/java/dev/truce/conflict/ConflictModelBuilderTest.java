package dev.truce.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.MarkerLabels;

class ConflictModelBuilderTest {

    private final ConflictModelBuilder builder = new ConflictModelBuilder();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private ConflictedFile build(String base, String ours, String theirs) {
        return builder.build(new FileVersions("src/App.java", base == null ? null : b(base), b(ours), b(theirs)));
    }

    @Test
    void conflictingEditOfOneLineBecomesOneHunkWithAllThreeSidesAndLineNumbers() {
        ConflictedFile file = build("a\nb\nc\nd\n", "a\nb\nOURS\nd\n", "a\nb\nTHEIRS\nd\n");

        assertThat(file.hunks()).singleElement().satisfies(h -> {
            assertThat(h.base()).containsExactly("c\n");
            assertThat(h.ours()).containsExactly("OURS\n");
            assertThat(h.theirs()).containsExactly("THEIRS\n");
            assertThat(h.baseLine()).isEqualTo(3);
            assertThat(h.oursLine()).isEqualTo(3);
            assertThat(h.theirsLine()).isEqualTo(3);
            assertThat(h.before()).containsExactly("a\n", "b\n");
            assertThat(h.after()).containsExactly("d\n");
        });
    }

    @Test
    void changesOfOnlyOneSideAreMergedIntoStableText() {
        ConflictedFile file = build("a\nb\nc\nd\ne\n", "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n");

        assertThat(file.hunks()).isEmpty();
        assertThat(file.stableLines()).containsExactly("A\n", "b\n", "c\n", "d\n", "E\n");
    }

    @Test
    void editsThatTouchConflictAndKeepTheWholeBaseRange() {
        // ours replaces line 2, theirs inserts right after it: git treats touching edits as a conflict.
        ConflictedFile file = build("a\nb\nc\n", "a\nB\nc\n", "a\nb\nnew\nc\n");

        assertThat(file.hunks()).singleElement().satisfies(h -> {
            assertThat(h.base()).containsExactly("b\n");
            assertThat(h.ours()).containsExactly("B\n");
            assertThat(h.theirs()).containsExactly("b\n", "new\n");
        });
    }

    @Test
    void linesBothSidesAddedIdenticallyAtTheEdgesLeaveTheHunk() {
        ConflictedFile file = build("x\ny\n", "x\nsame\nours\ny\n", "x\nsame\ntheirs\ny\n");

        ConflictHunk hunk = file.hunks().get(0);
        assertThat(hunk.ours()).containsExactly("ours\n");
        assertThat(hunk.theirs()).containsExactly("theirs\n");
        assertThat(file.stableLines()).containsExactly("x\n", "same\n", "y\n");
    }

    @Test
    void crlfLineEndingsAndMissingFinalNewlineSurviveRenderingByteForByte() {
        String base = "one\r\ntwo\r\nthree";
        String ours = "one\r\nTWO\r\nthree";
        String theirs = "one\r\ntwo!\r\nthree";
        ConflictedFile file = build(base, ours, theirs);
        FileResolution picked = new FileResolution(file,
                List.of(HunkOutcome.resolved(0, "test", "test", List.of("TWO\r\n"))));

        assertThat(picked.render(MarkerLabels.DEFAULT)).isEqualTo("one\r\nTWO\r\nthree");
    }

    @Test
    void unresolvedHunksRenderAsDiff3MarkersInTheFilesLineEnding() {
        ConflictedFile file = build("a\r\nb\r\n", "a\r\nB1\r\n", "a\r\nB2\r\n");
        FileResolution none = new FileResolution(file,
                List.of(HunkOutcome.passed(0, "left")));

        assertThat(none.render(new MarkerLabels("main", "merge-base", "feature"))).isEqualTo(
                "a\r\n<<<<<<< main\r\nB1\r\n||||||| merge-base\r\nb\r\n=======\r\nB2\r\n>>>>>>> feature\r\n");
        assertThat(none.isFullyResolved()).isFalse();
        assertThat(none.resolvedText()).isNull();
    }

    @Test
    void addAddConflictUsesAnEmptyBase() {
        ConflictedFile file = build(null, "shared\nours\n", "shared\ntheirs\n");

        assertThat(file.kind()).isEqualTo(ConflictKind.ADD_ADD);
        assertThat(file.hunks()).singleElement().satisfies(h -> {
            assertThat(h.base()).isEmpty();
            assertThat(h.ours()).containsExactly("ours\n");
        });
    }

    @Test
    void binaryFilesAreNotSplitIntoHunks() {
        ConflictedFile file = builder.build(new FileVersions("logo.png", new byte[] {1, 0, 2}, new byte[] {1, 0, 3},
                new byte[] {1, 0, 4}));

        assertThat(file.kind()).isEqualTo(ConflictKind.BINARY);
        assertThat(file.hasHunks()).isFalse();
        assertThat(file.unsupported()).contains("binary");
    }

    @Test
    void filesOverTheSizeLimitAreLeftToAHuman() {
        ConflictedFile file = new ConflictModelBuilder(10).build(new FileVersions("big.txt", b("0123456789abc\n"),
                b("x\n"), b("y\n")));

        assertThat(file.hasHunks()).isFalse();
        assertThat(file.unsupported()).contains("larger than the limit of 10 bytes");
    }

    @Test
    void modifyDeleteNeedsAHumanDecision() {
        ConflictedFile file = builder.build(new FileVersions("a.txt", b("a\n"), b("b\n"), null));

        assertThat(file.kind()).isEqualTo(ConflictKind.MODIFY_DELETE);
        assertThat(file.unsupported()).contains("theirs deleted");
    }

    @Test
    void nonUtf8BytesArePreservedExactly() {
        byte[] base = {'c', 'a', 'f', (byte) 0xE9, '\n', 'x', '\n'};
        byte[] ours = {'c', 'a', 'f', (byte) 0xE9, '\n', 'o', '\n'};
        byte[] theirs = {'c', 'a', 'f', (byte) 0xE9, '\n', 't', '\n'};
        ConflictedFile file = builder.build(new FileVersions("latin1.txt", base, ours, theirs));
        FileResolution picked = new FileResolution(file,
                List.of(HunkOutcome.resolved(0, "test", "test", file.hunks().get(0).ours())));

        assertThat(file.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(picked.encode(MarkerLabels.DEFAULT)).isEqualTo(ours);
    }
}
