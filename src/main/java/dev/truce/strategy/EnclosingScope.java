package dev.truce.strategy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.Segment;
import dev.truce.conflict.StableText;

/**
 * Where a line of a build file stands: the enclosing XML element path ({@code project/dependencies/dependency}),
 * TOML or INI table ({@code tool.poetry}) or JSON object key ({@code devDependencies}); empty at top level.
 * Read from one side's text before the line, which is what that side's build tool would see.
 */
final class EnclosingScope {

    private EnclosingScope() {
    }

    /** The given side's lines of the file that come before the hunk. */
    private static List<String> linesBefore(ConflictedFile file, ConflictHunk hunk, ConflictHunk.Side side) {
        List<String> lines = new ArrayList<>();
        for (Segment segment : file.segments()) {
            if (segment == hunk) {
                break;
            }
            if (segment instanceof StableText s) {
                lines.addAll(s.lines());
            } else if (segment instanceof ConflictHunk h) {
                lines.addAll(h.side(side));
            }
        }
        return lines;
    }

    /** The given side's whole text of the file. */
    static String sideText(ConflictedFile file, ConflictHunk.Side side) {
        StringBuilder text = new StringBuilder();
        for (Segment segment : file.segments()) {
            if (segment instanceof StableText s) {
                s.lines().forEach(text::append);
            } else if (segment instanceof ConflictHunk h) {
                h.side(side).forEach(text::append);
            }
        }
        return text.toString();
    }

    /**
     * The scope that encloses each line of the hunk's given side, in a file of the given kind: for line {@code i},
     * read from that side's text before it (the file before the hunk, then the hunk's lines before {@code i}). The
     * text is read once for all the lines, so a hunk costs time linear in the text up to its end.
     */
    static List<String> scopes(VersionFileKind kind, ConflictedFile file, ConflictHunk hunk, ConflictHunk.Side side) {
        List<String> lines = hunk.side(side);
        return switch (kind) {
            case MAVEN_POM -> xmlPaths(linesBefore(file, hunk, side), lines);
            case TOML, SETUP_CFG -> tables(linesBefore(file, hunk, side), lines);
            case PACKAGE_JSON -> jsonKeys(linesBefore(file, hunk, side), lines);
            default -> Collections.nCopies(lines.size(), "");
        };
    }

    /** Where each line of {@code lines} starts in the text of {@code before} and {@code lines} joined. */
    private static int[] lineStarts(List<String> before, List<String> lines, StringBuilder text) {
        before.forEach(text::append);
        int[] starts = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            starts[i] = text.length();
            text.append(lines.get(i));
        }
        return starts;
    }

    /**
     * The element path before each line. Reading the whole text once gives, for each prefix, the path its own reading
     * would give: a comment that is not closed within a prefix hides the rest of that prefix, and a tag counts once
     * its {@code >} lies within the prefix (with the prefix's comments removed).
     */
    private static List<String> xmlPaths(List<String> before, List<String> lines) {
        StringBuilder joined = new StringBuilder();
        int[] starts = lineStarts(before, lines, joined);
        List<int[]> comments = new ArrayList<>();
        String text = XmlTags.withoutComments(joined.toString(), comments);
        List<XmlTags.Tag> tags = XmlTags.tags(text);
        XmlTags.ElementPath path = new XmlTags.ElementPath();
        List<String> out = new ArrayList<>(lines.size());
        int comment = 0;
        int removed = 0;
        int tag = 0;
        for (int start : starts) {
            while (comment < comments.size() && comments.get(comment)[1] <= start) {
                removed += comments.get(comment)[1] - comments.get(comment)[0];
                comment++;
            }
            // The prefix's end in the text without comments; a comment still open there hides what follows it.
            boolean inComment = comment < comments.size() && comments.get(comment)[0] < start;
            int end = (inComment ? comments.get(comment)[0] : start) - removed;
            while (tag < tags.size() && tags.get(tag).end() <= end) {
                path.apply(tags.get(tag++));
            }
            out.add(path.path());
        }
        return out;
    }

    /** The TOML or INI table before each line: the last table header before it. */
    private static List<String> tables(List<String> before, List<String> lines) {
        String current = "";
        for (String line : before) {
            String table = tableName(line.strip());
            current = table == null ? current : table;
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(current);
            String table = tableName(line.strip());
            current = table == null ? current : table;
        }
        return out;
    }

    /**
     * The table a header line names ({@code [tool.poetry]}, {@code [[bin]]}, {@code [metadata] # comment}), or
     * {@code null}: what {@code ^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$} captured, read in linear time (the
     * expression took quadratic time on a long line of spaces).
     */
    static String tableName(String t) {
        int i = 0;
        while (i < t.length() && isSpace(t.charAt(i))) {
            i++;
        }
        if (i >= t.length() || t.charAt(i) != '[') {
            return null;
        }
        if (i + 1 < t.length() && t.charAt(i + 1) == '[') {
            String name = tableRest(t, i + 2);
            if (name != null) {
                return name;
            }
        }
        return tableRest(t, i + 1);
    }

    private static String tableRest(String t, int from) {
        int close = t.indexOf(']', from);
        if (close < 0 || !afterTable(t, close)) {
            return null;
        }
        int start = from;
        while (start < close && isSpace(t.charAt(start))) {
            start++;
        }
        if (start < close) {
            int end = close;
            while (isSpace(t.charAt(end - 1))) {
                end--;
            }
            return t.substring(start, end);
        }
        // Only spaces between the brackets: the name is the last of them (at least one character is needed).
        return close > from ? t.substring(close - 1, close) : null;
    }

    /** Whether what follows the {@code ]} at {@code close} ends a header: {@code ]}, spaces, a comment. */
    private static boolean afterTable(String t, int close) {
        int p = close + 1;
        if (p < t.length() && t.charAt(p) == ']') {
            p++;
        }
        while (p < t.length() && isSpace(t.charAt(p))) {
            p++;
        }
        if (p == t.length()) {
            return true;
        }
        if (t.charAt(p) != '#') {
            return false;
        }
        // A comment runs to the end of the line ('.' stops at a line terminator, and the whole line must match).
        int r = p + 1;
        while (r < t.length() && !isLineTerminator(t.charAt(r))) {
            r++;
        }
        return r == t.length();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * The JSON object key before each line. One reading of the whole text: the stack of open objects at a point
     * does not depend on what follows it (a string cut by the end of a prefix changes no scope).
     */
    private static List<String> jsonKeys(List<String> before, List<String> lines) {
        StringBuilder joined = new StringBuilder();
        int[] starts = lineStarts(before, lines, joined);
        String text = joined.toString();
        List<String> out = new ArrayList<>(lines.size());
        Deque<String> stack = new ArrayDeque<>();
        String lastString = "";
        boolean afterColon = false;
        int next = 0;
        for (int i = 0; i < text.length(); i++) {
            while (next < starts.length && starts[next] <= i) {
                out.add(scope(stack));
                next++;
            }
            char c = text.charAt(i);
            switch (c) {
                case '"' -> {
                    int end = i + 1;
                    while (end < text.length() && text.charAt(end) != '"') {
                        end += text.charAt(end) == '\\' ? 2 : 1;
                    }
                    lastString = text.substring(i + 1, Math.min(end, text.length()));
                    i = end;
                    afterColon = false;
                    continue;
                }
                case ':' -> {
                    afterColon = true;
                    continue;
                }
                case '{', '[' -> stack.addLast(afterColon ? lastString : "");
                case '}', ']' -> {
                    if (!stack.isEmpty()) {
                        stack.removeLast();
                    }
                }
                default -> {
                    if (Character.isWhitespace(c)) {
                        continue;
                    }
                }
            }
            afterColon = false;
        }
        while (next < starts.length) {
            out.add(scope(stack)); // lines after a string left open, or at the very end
            next++;
        }
        return out;
    }

    // The root object is not a scope of its own: top-level keys have the empty scope.
    private static String scope(Deque<String> stack) {
        return stack.size() <= 1 ? "" : stack.peekLast();
    }
}
