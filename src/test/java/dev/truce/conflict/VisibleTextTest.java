package dev.truce.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the terminal and the pull request's Markdown show of characters they would obey or hide. */
class VisibleTextTest {

    @Test
    void controlAndFormatCharactersAreEscapedAndTheRestIsKept() {
        StringBuilder out = new StringBuilder();
        "a\u001b[2J\u202eé😀\n".codePoints().forEach(c -> VisibleText.append(out, c));

        assertThat(out).hasToString("a\\x1b[2J\\u202eé😀\\x0a");
    }
}
