package dev.truce.strategy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads XML the way the version strategies need it, in linear time: comments removed, then the start, end and
 * empty-element tags in order. Not a parser (attributes are skipped, CDATA is text), and on purpose the same reading
 * as the regular expressions it replaces, {@code <!--.*?(-->|$)} (DOTALL) and
 * {@code <(/?)([A-Za-z_][\w.:\-]*)[^<>]*?(/?)>}, which took quadratic time on a long line such as
 * {@code <aaaa...}.
 */
final class XmlTags {

    private XmlTags() {
    }

    /**
     * One tag.
     *
     * @param closing whether it is an end tag ({@code </name>})
     * @param name    the element name
     * @param empty   whether it is an empty-element tag ({@code <name/>})
     * @param end     the index after its {@code >} in the text it was read from
     */
    record Tag(boolean closing, String name, boolean empty, int end) {
    }

    /**
     * The text without comments: each from {@code <!--} to the next {@code -->}, or, when none closes it, to the end
     * of the text (a line terminator that ends the text is kept, as the regular expression's {@code $} kept it).
     */
    static String withoutComments(String text) {
        return withoutComments(text, null);
    }

    /**
     * The same, and where each comment stood: {@code comments} receives, per comment, its start and end in
     * {@code text} (an unclosed comment ends at the end of the text).
     */
    static String withoutComments(String text, List<int[]> comments) {
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        while (true) {
            int start = text.indexOf("<!--", pos);
            if (start < 0) {
                return out.append(text, pos, text.length()).toString();
            }
            out.append(text, pos, start);
            int close = text.indexOf("-->", start + 4);
            if (close < 0) {
                if (comments != null) {
                    comments.add(new int[] {start, text.length()});
                }
                return out.append(text, dollarFrom(text, start + 4), text.length()).toString();
            }
            if (comments != null) {
                comments.add(new int[] {start, close + 3});
            }
            pos = close + 3;
        }
    }

    /** The tags of {@code text} in order. */
    static List<Tag> tags(String text) {
        List<Tag> tags = new ArrayList<>();
        int p = text.indexOf('<');
        while (p >= 0) {
            Tag tag = tagAt(text, p);
            if (tag != null) {
                tags.add(tag);
                p = text.indexOf('<', tag.end());
            } else {
                p = text.indexOf('<', p + 1);
            }
        }
        return tags;
    }

    /**
     * The tag starting at {@code p}, or {@code null}. A failed attempt stops at the next {@code <} or the end of the
     * text, and the next attempt starts there, so the whole text is read once.
     */
    private static Tag tagAt(String s, int p) {
        int n = s.length();
        int i = p + 1;
        boolean closing = i < n && s.charAt(i) == '/';
        if (closing) {
            i++;
        }
        if (i >= n || !isNameStart(s.charAt(i))) {
            return null;
        }
        int j = i + 1;
        while (j < n && isNameChar(s.charAt(j))) {
            j++;
        }
        String name = s.substring(i, j);
        for (int q = j; q < n; q++) {
            char c = s.charAt(q);
            if (c == '/' && q + 1 < n && s.charAt(q + 1) == '>') {
                return new Tag(closing, name, true, q + 2);
            }
            if (c == '>') {
                return new Tag(closing, name, false, q + 1);
            }
            if (c == '<') {
                return null;
            }
        }
        return null;
    }

    /** Where a regular expression's {@code $} first matches at or after {@code from}: the end, or before a final line terminator. */
    private static int dollarFrom(String text, int from) {
        int n = text.length();
        if (n >= 2 && text.charAt(n - 2) == '\r' && text.charAt(n - 1) == '\n' && n - 2 >= from) {
            return n - 2;
        }
        if (n >= 1 && n - 1 >= from) {
            char c = text.charAt(n - 1);
            boolean crlf = c == '\n' && n >= 2 && text.charAt(n - 2) == '\r';
            if (!crlf && (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029')) {
                return n - 1;
            }
        }
        return n;
    }

    private static boolean isNameStart(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
    }

    private static boolean isNameChar(char c) {
        return VersionLine.isWord(c) || c == '.' || c == ':' || c == '-';
    }

    /**
     * The open elements at a point of a document, outermost first. An end tag closes up to its start tag (elements
     * left open inside are closed with it); an end tag without an open start tag is ignored. Every operation takes
     * constant time (amortised), whatever the nesting depth.
     */
    static final class ElementPath {

        /** Paths longer than this are abbreviated in {@link #path()}: only short paths are compared. */
        static final int MAX_SHOWN = 1_000;

        private final Deque<String> names = new ArrayDeque<>();
        private final Deque<Integer> lengths = new ArrayDeque<>();
        private final Map<String, Integer> open = new HashMap<>();
        private final StringBuilder joined = new StringBuilder();

        void apply(Tag tag) {
            if (tag.empty()) {
                return;
            }
            if (!tag.closing()) {
                lengths.addLast(joined.length());
                joined.append(names.isEmpty() ? "" : "/").append(tag.name());
                names.addLast(tag.name());
                open.merge(tag.name(), 1, Integer::sum);
            } else if (open.getOrDefault(tag.name(), 0) > 0) {
                String popped;
                do {
                    popped = names.removeLast();
                    joined.setLength(lengths.removeLast());
                    open.merge(popped, -1, Integer::sum);
                } while (!popped.equals(tag.name()));
            }
        }

        /** Whether the open elements are exactly these names, outermost first. */
        boolean is(String... path) {
            if (names.size() != path.length) {
                return false;
            }
            int i = 0;
            for (String name : names) {
                if (!name.equals(path[i++])) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The path, names joined by {@code /} ({@code project/dependencies/dependency}); one longer than
         * {@value #MAX_SHOWN} characters is cut there and ends with "…", which no element name contains.
         */
        String path() {
            return joined.length() <= MAX_SHOWN ? joined.toString() : joined.substring(0, MAX_SHOWN) + "\u2026";
        }
    }
}
