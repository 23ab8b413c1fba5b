package dev.truce.strategy;

/**
 * The JavaScript and TypeScript form {@code import CLAUSE from 'module';}, read in linear time. It captures what
 * {@code import\s+(type\s+)?(.+?)\s+from\s+(['"])([^'"]+)\3\s*;?\s*(//.*)?} captured with {@code matches()}, including
 * which clause it chose where spaces make several readings possible; that expression took cubic time on
 * {@code import} followed by a long run of spaces (151 s for 6,000).
 *
 * <p>How: the part after the clause ({@code \s+from\s+'module'...} to the end) depends only on where the clause
 * ends, so one backward pass marks every position where it can start. The clause then ends at the first marked
 * position after its start (the lazy {@code .+?}), provided no line terminator lies before it ({@code .} stops
 * there); its start is tried in the order backtracking tries it.
 */
final class ScriptFrom {

    private ScriptFrom() {
    }

    /** {@code [clause, module]} of a whole line of this form, or {@code null}. */
    static String[] match(String t) {
        int n = t.length();
        if (!t.startsWith("import")) {
            return null;
        }
        int a = "import".length();
        int b = skipSpace(t, a);
        if (b == a) {
            return null;
        }
        int[] nextGood = new int[n + 2];
        int[] nextBreak = new int[n + 1];
        int[] module = new int[2];
        marks(t, nextGood, nextBreak);
        // Clause starts in backtracking order: after "type" and its spaces (longest first), then right after the
        // spaces following "import", then with ever fewer of those spaces (the clause then starts with a space).
        if (t.startsWith("type", b) && b + 4 < n && ImportSyntax.isSpace(t.charAt(b + 4))) {
            int e = skipSpace(t, b + 4);
            for (int s = e; s >= b + 5; s--) {
                String[] found = clauseFrom(t, s, nextGood, nextBreak, module);
                if (found != null) {
                    return found;
                }
            }
        }
        for (int s = b; s > a; s--) {
            String[] found = clauseFrom(t, s, nextGood, nextBreak, module);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String[] clauseFrom(String t, int s, int[] nextGood, int[] nextBreak, int[] module) {
        if (s >= t.length()) {
            return null;
        }
        int c = nextGood[s + 1];
        if (c > nextBreak[s]) {
            return null; // no end before a line terminator (or none at all)
        }
        rest(t, c, module);
        return new String[] {t.substring(s, c), t.substring(module[0], module[1])};
    }

    /**
     * Fills {@code nextGood[p]}: the first position at or after {@code p} where the rest after the clause can start,
     * or {@code Integer.MAX_VALUE}; and {@code nextBreak[p]}: the first line terminator at or after {@code p}, or the
     * text's length.
     */
    private static void marks(String t, int[] nextGood, int[] nextBreak) {
        int n = t.length();
        nextGood[n + 1] = Integer.MAX_VALUE;
        nextGood[n] = Integer.MAX_VALUE;
        nextBreak[n] = n;
        int runEnd = -1;
        boolean runGood = false;
        int[] ignored = new int[2];
        for (int p = n - 1; p >= 0; p--) {
            char c = t.charAt(p);
            nextBreak[p] = isLineTerminator(c) ? p : nextBreak[p + 1];
            if (ImportSyntax.isSpace(c)) {
                if (p + 1 >= n || !ImportSyntax.isSpace(t.charAt(p + 1))) {
                    runEnd = p + 1;
                    runGood = afterSpaces(t, runEnd, ignored, nextBreak);
                }
                nextGood[p] = runGood ? p : nextGood[p + 1];
            } else {
                nextGood[p] = nextGood[p + 1];
            }
        }
    }

    /** The module of the rest starting at space {@code c} (known to match), into {@code module}. */
    private static void rest(String t, int c, int[] module) {
        afterSpacesUnchecked(t, skipSpace(t, c), module);
    }

    /**
     * Whether {@code from\s+(['"])([^'"]+)\1\s*;?\s*(//.*)?} matches from {@code r} to the end; the module's range goes
     * into {@code module}.
     */
    private static boolean afterSpaces(String t, int r, int[] module, int[] nextBreak) {
        int end = afterSpacesUnchecked(t, r, module);
        if (end < 0) {
            return false;
        }
        int q = skipSpace(t, end);
        if (q < t.length() && t.charAt(q) == ';') {
            q = skipSpace(t, q + 1);
        }
        // A comment runs to the end ('.' stops at a line terminator, and the whole line must match).
        return q == t.length() || t.startsWith("//", q) && nextBreak[q + 2] == t.length();
    }

    /** Reads {@code from\s+'module'} at {@code r}; returns the index after the closing quote, or -1. */
    private static int afterSpacesUnchecked(String t, int r, int[] module) {
        if (!t.startsWith("from", r)) {
            return -1;
        }
        int quote = skipSpace(t, r + 4);
        if (quote == r + 4 || quote >= t.length() || t.charAt(quote) != '\'' && t.charAt(quote) != '"') {
            return -1;
        }
        int close = quote + 1;
        while (close < t.length() && t.charAt(close) != '\'' && t.charAt(close) != '"') {
            close++;
        }
        if (close == quote + 1 || close >= t.length() || t.charAt(close) != t.charAt(quote)) {
            return -1;
        }
        module[0] = quote + 1;
        module[1] = close;
        return close + 1;
    }

    private static int skipSpace(String t, int i) {
        while (i < t.length() && ImportSyntax.isSpace(t.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The characters Java's {@code .} does not match. */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
