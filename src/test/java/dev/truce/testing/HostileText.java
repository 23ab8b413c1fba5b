package dev.truce.testing;

/** Texts built to make parsers and diffs slow, for tests that bound their time. */
public final class HostileText {

    private HostileText() {
    }

    /**
     * {@code lines} lines alternating between two values: no line is unique, so histogram diff has no anchor and
     * falls back to Myers, which is quadratic when the other version alternates differently.
     */
    public static String alternating(int lines, String even, String odd) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(i % 2 == 0 ? even : odd).append('\n');
        }
        return text.toString();
    }
}
