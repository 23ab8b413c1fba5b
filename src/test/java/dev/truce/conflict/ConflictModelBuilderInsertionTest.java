package dev.truce.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Both sides insert the same line at one spot and one side adds more: JGit reports a reversed base range. */
class ConflictModelBuilderInsertionTest {

    @Test
    void sameInsertionPlusMoreOnOneSideLeavesOnlyTheExtraLineInTheHunk() {
        ConflictedFile file = new ConflictModelBuilder().build(new FileVersions("a.txt", bytes("a\n1\n2\n"),
                bytes("a\n1\nshared\n2\n"), bytes("a\n1\nshared\nmore\n2\n")));

        assertThat(file.hunks()).singleElement().satisfies(h -> {
            assertThat(h.base()).isEmpty();
            assertThat(h.ours()).isEmpty();
            assertThat(h.theirs()).containsExactly("more\n");
            assertThat(h.baseLine()).isEqualTo(3);
        });
        assertThat(file.stableLines()).containsExactly("a\n", "1\n", "shared\n", "2\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
