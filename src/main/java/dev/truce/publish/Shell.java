package dev.truce.publish;

/**
 * Words for the {@code sh} commands Truce shows people to copy: a path or branch name comes from the pull request,
 * so it is POSIX single-quoted (nothing inside single quotes is special to {@code sh}), and one that no quoting can
 * show honestly (control characters, invisible format characters) is refused before any command is written.
 */
final class Shell {

    private Shell() {
    }

    /** {@code word} as one {@code sh} argument: single-quoted, each {@code '} written as {@code '\''}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Why {@code word} cannot be shown in a command, or {@code null} when it can: control characters (newline, CR,
     * NUL, ESC, ...) would end the command or rewrite the terminal, format characters (bidirectional overrides)
     * would make the command read differently from what runs, and a leading {@code -} reads as an option.
     */
    static String unsafe(String word, boolean optionPosition) {
        if (word.isEmpty()) {
            return "it is empty";
        }
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            if (Character.isISOControl(c)) {
                return "it contains a control character (" + String.format("U+%04X", c) + ")";
            }
            if (Character.getType(c) == Character.FORMAT) {
                return "it contains an invisible formatting character (" + String.format("U+%04X", c) + ")";
            }
            i += Character.charCount(c);
        }
        if (optionPosition && word.startsWith("-")) {
            return "it starts with '-', which git would read as an option";
        }
        return null;
    }
}
