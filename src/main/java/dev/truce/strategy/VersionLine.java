package dev.truce.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of a build file split into its version tokens and the rest (its shape). Two lines with the same
 * shape say the same thing about the same keys and differ, if at all, only in versions.
 *
 * <p>A token counts as a version only where the line says so: a key that names a version ({@code <version>},
 * {@code jackson.version}, {@code version=}, {@code "version":}), a Gradle coordinate {@code "group:artifact:"},
 * a requirement operator, or a dependency or versions table. Elsewhere numbers (ports, timeouts, ratios,
 * dates) are part of the shape, so a line that changes them is not a version bump.
 *
 * @param shape  the content with every version token replaced by a placeholder
 * @param tokens the version tokens in line order
 */
record VersionLine(String shape, List<VersionToken> tokens) {

    private static final String PLACEHOLDER = "\u0000";

    /** What {@link #keyBefore} skips between a key and its value. */
    private static final String KEY_DELIMITERS = " \t\"'=:(>[{,^~<!";

    /** Requirement operators, longest first where one ends another. */
    private static final List<String> OPERATORS = List.of("===", "==", ">=", "<=", "~=", "!=", "<", ">");

    VersionLine {
        tokens = List.copyOf(tokens);
    }

    /**
     * Splits a line's content (no terminator). Linear in the line's length: the version candidates, keys and
     * positions are read by scanners, not regular expressions (a backtracking one took quadratic time on long
     * lines and overflowed the stack on a 10 KB run of {@code 1.1.1...}).
     *
     * @param kind      the file's kind
     * @param enclosing   the enclosing element path, table or object key, from {@link EnclosingScope}
     * @param parentIsOwn for a POM, whether its parent's version is the project's own
     */
    static VersionLine parse(VersionFileKind kind, String enclosing, String content, boolean parentIsOwn) {
        List<VersionToken> tokens = new ArrayList<>();
        StringBuilder shape = new StringBuilder();
        int last = 0;
        int firstReal = firstReal(content);
        for (Candidate m = Candidate.next(content, 0); m != null; m = Candidate.next(content, m.end())) {
            int keyStart = keyBefore(content, m.start());
            String key = keyStart < 0 ? null : content.substring(keyStart, keyEnd(content, m.start()));
            boolean keyNamesVersion = key != null && namesVersion(key);
            boolean dotted = Candidate.digits(content, m.start()) < m.numericEnd(); // numeric part has a '.'
            boolean version = keyNamesVersion || dotted && versionPosition(kind, enclosing, content, m.start(), key);
            if (!version) {
                continue;
            }
            boolean keyStartsLine = key != null && keyStart <= firstReal;
            boolean own = key != null && kind.isOwnVersion(key, keyStartsLine, enclosing, parentIsOwn);
            tokens.add(new VersionToken(content.substring(m.start(), m.end()), key == null ? "?" : key, own));
            shape.append(content, last, m.start()).append(PLACEHOLDER);
            last = m.end();
        }
        shape.append(content.substring(last));
        return new VersionLine(shape.toString(), tokens);
    }

    /** This line's content with its tokens replaced, in order, by the given texts. */
    String with(List<String> texts) {
        StringBuilder out = new StringBuilder();
        int t = 0;
        for (int i = 0; i < shape.length(); i++) {
            char c = shape.charAt(i);
            if (c == PLACEHOLDER.charAt(0)) {
                out.append(texts.get(t++));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean namesVersion(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("version") || lower.equals("revision");
    }

    /** A dotted number is a version where its position in the file says it pins something. */
    private static boolean versionPosition(VersionFileKind kind, String enclosing, String content, int at,
            String key) {
        if (coordinateEnds(content, at)) {
            return true; // "group:artifact:1.2.3"
        }
        String table = enclosing.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case REQUIREMENTS -> requirementEnds(content, at);
            case TOML -> key != null && (table.equals("versions") || table.endsWith("dependencies"))
                    || requirementEnds(content, at) && table.equals("project");
            case SETUP_CFG -> requirementEnds(content, at);
            case PACKAGE_JSON -> key != null && (table.endsWith("dependencies") || table.equals("overrides")
                    || table.equals("resolutions") || table.equals("engines"));
            default -> false;
        };
    }

    /**
     * Where the key written right before a value at {@code at} starts ({@code <jetty.version>},
     * {@code version = "}, {@code "name": "^}), or -1: after the delimiters before the value, the leftmost letter or
     * underscore of the run of key characters ({@code [\w.-]}) that ends there. Reads backwards from {@code at} only
     * as far as that run, so a line with many values is read in linear time.
     */
    static int keyBefore(String content, int at) {
        int end = keyEnd(content, at);
        int run = end;
        while (run > 0 && isKeyChar(content.charAt(run - 1))) {
            run--;
        }
        for (int s = run; s < end; s++) {
            char c = content.charAt(s);
            if (c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                return s;
            }
        }
        return -1;
    }

    /**
     * Where that key ends: before the delimiters, and before a line terminator that ends the text there (which a
     * regular expression's {@code $} also stops before).
     */
    private static int keyEnd(String content, int at) {
        int end = at;
        while (end > 0 && KEY_DELIMITERS.indexOf(content.charAt(end - 1)) >= 0) {
            end--;
        }
        return end > 0 && isLineTerminator(content.charAt(end - 1)) ? end - 1 : end;
    }

    /** Whether the text before {@code at} ends with a Gradle coordinate's {@code "group:artifact:}. */
    private static boolean coordinateEnds(String content, int at) {
        return coordinateEndsAt(content, at)
                || at > 0 && isLineTerminator(content.charAt(at - 1)) && coordinateEndsAt(content, at - 1);
    }

    private static boolean coordinateEndsAt(String content, int end) {
        if (end == 0 || content.charAt(end - 1) != ':') {
            return false;
        }
        int artifact = runStart(content, end - 1);
        if (artifact == end - 1 || artifact == 0 || content.charAt(artifact - 1) != ':') {
            return false;
        }
        int group = runStart(content, artifact - 1);
        return group < artifact - 1 && group > 0 && (content.charAt(group - 1) == '"' || content.charAt(group - 1) == '\'');
    }

    /** Whether the text before {@code at} ends with a requirement operator after a name ({@code requests >= }). */
    private static boolean requirementEnds(String content, int at) {
        return requirementEndsAt(content, at)
                || at > 0 && isLineTerminator(content.charAt(at - 1)) && requirementEndsAt(content, at - 1);
    }

    private static boolean requirementEndsAt(String content, int end) {
        int op = skipSpaceBack(content, end);
        for (String operator : OPERATORS) {
            if (op >= operator.length() && content.startsWith(operator, op - operator.length())) {
                int name = skipSpaceBack(content, op - operator.length());
                if (name > 0 && (isKeyChar(content.charAt(name - 1)) || content.charAt(name - 1) == '['
                        || content.charAt(name - 1) == ']')) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int runStart(String content, int end) {
        int start = end;
        while (start > 0 && isKeyChar(content.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static int skipSpaceBack(String content, int end) {
        while (end > 0 && isSpace(content.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** The first character that is not {@code <}, {@code "} or whitespace: a key before it starts the line. */
    private static int firstReal(String content) {
        int i = 0;
        while (i < content.length() && (content.charAt(i) == '<' || content.charAt(i) == '"'
                || Character.isWhitespace(content.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static boolean isKeyChar(char c) {
        return isWord(c) || c == '.' || c == '-';
    }

    static boolean isWord(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** Java's regular expression {@code \s}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** The characters before which a regular expression's {@code $} also matches at the end of the text. */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * A version candidate: numeric components, then an optional qualifier (-SNAPSHOT, .RELEASE, -rc.1, .Final, -jre,
     * .v1a2b...), not inside a longer word or number, and not followed by a word character. The same matches, in the
     * same order, as the regular expression
     * {@code (?<![\w.\-])(\d+(?:\.\d+)*)((?:[-.+~][A-Za-z0-9][A-Za-z0-9_+]*)*)(?![\w])} found, without its
     * backtracking and recursion.
     *
     * @param start      where it starts
     * @param numericEnd where its numeric components end (the regular expression's group 1)
     * @param end        where it ends
     */
    record Candidate(int start, int numericEnd, int end) {

        /** The first candidate at or after {@code from}, or {@code null}. */
        static Candidate next(String s, int from) {
            int n = s.length();
            for (int i = from; i < n; i++) {
                if (!isDigit(s.charAt(i)) || i > 0 && isKeyChar(s.charAt(i - 1))) {
                    continue;
                }
                int j = digits(s, i);
                int lastDot = -1;
                while (j + 1 < n && s.charAt(j) == '.' && isDigit(s.charAt(j + 1))) {
                    lastDot = j;
                    j = digits(s, j + 1);
                }
                int end = qualifiers(s, j);
                if (end > j || j == n || !isWord(s.charAt(j))) {
                    return new Candidate(i, j, end);
                }
                // A letter right after the number: the last ".digits" is read as the qualifier's start instead
                // (1.2.3a is 1.2 with qualifier .3a), as backtracking would; without a dot nothing matches here.
                if (lastDot >= 0) {
                    return new Candidate(i, lastDot, qualifiers(s, lastDot));
                }
            }
            return null;
        }

        private static int digits(String s, int i) {
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            return i;
        }

        private static int qualifiers(String s, int j) {
            while (j + 1 < s.length() && "-.+~".indexOf(s.charAt(j)) >= 0 && isAlphanumeric(s.charAt(j + 1))) {
                j += 2;
                while (j < s.length() && (isAlphanumeric(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '+')) {
                    j++;
                }
            }
            return j;
        }
    }

    /**
     * A version in a line.
     *
     * @param text the version as written
     * @param key  the key that names it (an element, property or coordinate part), for reasons
     * @param own  whether it is the project's own version rather than a dependency's
     */
    record VersionToken(String text, String key, boolean own) {
    }
}
