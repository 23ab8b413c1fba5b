package dev.truce.publish;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.truce.conflict.VisibleText;

/**
 * Markdown for GitHub made from text Truce does not control (paths, branch names, strategies' reasons that quote
 * the repository, a model's rationale): it must show as written and never become a mention, a link, an image, HTML
 * or a fence that ends early. All escaping lives here, so every place that writes Markdown escapes the same way.
 */
final class Markdown {

    /** The most characters of untrusted prose shown in one place (a rationale, a reason). */
    static final int MAX_PROSE = 300;

    /** Zero-width joiner: invisible, but it breaks GitHub's {@code #123} issue references. */
    private static final char ZWJ = '\u200D';
    private static final Pattern WORD = Pattern.compile("\\S+|\\s+");
    /** A word a renderer may link: a mention or e-mail address, a URL with a scheme, a {@code www.} name. */
    private static final Pattern LINK_LIKE = Pattern.compile("@|://|(?i)www\\.");
    /** ASCII punctuation that can start Markdown or HTML; backslash escapes are CommonMark's literal form. */
    private static final String ACTIVE = "\\`*_[]<>|~&$!";

    private Markdown() {
    }

    /**
     * An inline code span showing {@code text} literally on one line: its backtick fence is longer than any run of
     * backticks inside (CommonMark), control and invisible format characters show as escapes ({@code \n},
     * {@code \x1b}, {@code \u202e}).
     */
    static String code(String text) {
        String shown = visible(text == null ? "" : text);
        if (shown.isEmpty()) {
            return "` `";
        }
        String fence = "`".repeat(longestRun(shown, '`') + 1);
        // A span that starts or ends with a backtick or space needs a space on both sides; the renderer strips one.
        boolean pad = !shown.isBlank() && (shown.startsWith("`") || shown.endsWith("`") || shown.startsWith(" ")
                || shown.endsWith(" "));
        return pad ? fence + " " + shown + " " + fence : fence + shown + fence;
    }

    /** A code span inside a table cell: GitHub splits cells at {@code |} even inside code spans unless escaped. */
    static String cellCode(String text) {
        return code(text).replace("|", "\\|");
    }

    /**
     * Untrusted prose as plain text on one line, at most {@code max} characters (cut with an ellipsis), for a list
     * item or a paragraph: Markdown and HTML punctuation escaped, issue references broken, words that a renderer
     * could turn into a mention or a link ({@code @name}, an e-mail address, {@code scheme://...}, {@code www.})
     * shown as code, control characters turned into spaces and invisible format characters (bidirectional
     * overrides) dropped.
     */
    static String text(String text, int max) {
        return prose(text, max, false);
    }

    /** {@link #text(String, int)} with the default cap. */
    static String text(String text) {
        return prose(text, MAX_PROSE, false);
    }

    /** {@link #text(String)} for a table cell, where a {@code |} inside a code span must be escaped too. */
    static String cell(String text) {
        return prose(text, MAX_PROSE, true);
    }

    private static String prose(String text, int max, boolean inCell) {
        if (text == null) {
            return "";
        }
        StringBuilder plain = new StringBuilder();
        text.replace("\r\n", "\n").codePoints().forEach(c -> {
            if (Character.getType(c) == Character.FORMAT) {
                return;
            }
            plain.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
        });
        String capped = cap(plain.toString().strip(), max);
        StringBuilder out = new StringBuilder(capped.length() + 16);
        Matcher words = WORD.matcher(capped);
        while (words.find()) {
            String word = words.group();
            if (LINK_LIKE.matcher(word).find()) {
                // Code is never linked or mentioned, and shows the word exactly.
                out.append(inCell ? cellCode(word) : code(word));
                continue;
            }
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (ACTIVE.indexOf(c) >= 0) {
                    out.append('\\').append(c);
                } else if (c == '#') {
                    out.append(c).append(ZWJ); // GitHub links #123 and owner/repo#123 in text
                } else {
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /**
     * A fenced code block: the fence is longer than any run of backticks or tildes in {@code content}, so no line
     * of it can close the block early.
     */
    static String fenced(String info, String content) {
        String body = content.isEmpty() || content.endsWith("\n") ? content : content + "\n";
        String fence = "`".repeat(Math.max(3, Math.max(longestRun(body, '`'), longestRun(body, '~')) + 1));
        return fence + info + "\n" + body + fence + "\n";
    }

    /** At most {@code max} code points, cut with an ellipsis. */
    static String cap(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, Math.max(0, max - 1))).stripTrailing() + "…";
    }

    /**
     * A line of code for review: control characters other than tab, and invisible format characters (the
     * bidirectional overrides of "Trojan Source"), shown as escapes, so what a reviewer reads is what is there.
     */
    static String reviewable(String line) {
        return visible(line, false);
    }

    private static String visible(String text) {
        return visible(text, true);
    }

    private static String visible(String text, boolean tabs) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append(tabs ? "\\t" : "\t");
                default -> VisibleText.append(out, c);
            }
        });
        return out.toString();
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
