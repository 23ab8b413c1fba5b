package dev.truce.conflict;

/**
 * Repository and model text shown to a person (a terminal, a pull request's Markdown): characters that would be
 * obeyed or hidden there are written as escapes instead, so what a reviewer reads is what the text holds.
 */
public final class VisibleText {

    private VisibleText() {
    }

    /**
     * Appends {@code c} to {@code out}: a control character (an ESC sequence's start, a line break) as {@code \xNN},
     * an invisible format character (a bidirectional override) as {@code \\uNNNN}, any other as itself.
     */
    public static void append(StringBuilder out, int c) {
        if (Character.isISOControl(c)) {
            out.append(String.format("\\x%02x", c));
        } else if (Character.getType(c) == Character.FORMAT) {
            out.append(String.format("\\u%04x", c));
        } else {
            out.appendCodePoint(c);
        }
    }
}
