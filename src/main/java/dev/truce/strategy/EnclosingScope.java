package dev.truce.strategy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern XML_COMMENT = Pattern.compile("<!--.*?(-->|$)", Pattern.DOTALL);
    private static final Pattern XML_TAG = Pattern.compile("<(/?)([A-Za-z_][\\w.:\\-]*)[^<>]*?(/?)>");
    private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]+?)\\s*\\]\\]?\\s*(#.*)?$");

    private EnclosingScope() {
    }

    /** The given side's lines of the file that come before line {@code index} of the hunk. */
    static List<String> linesBefore(ConflictedFile file, ConflictHunk hunk, ConflictHunk.Side side, int index) {
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
        lines.addAll(hunk.side(side).subList(0, index));
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

    /** The scope that encloses the line after {@code before} in a file of the given kind. */
    static String of(VersionFileKind kind, List<String> before) {
        return switch (kind) {
            case MAVEN_POM -> xmlPath(String.join("", before));
            case TOML, SETUP_CFG -> table(before);
            case PACKAGE_JSON -> jsonKey(String.join("", before));
            default -> "";
        };
    }

    private static String xmlPath(String text) {
        String stripped = XML_COMMENT.matcher(text).replaceAll("");
        Deque<String> stack = new ArrayDeque<>();
        Matcher m = XML_TAG.matcher(stripped);
        while (m.find()) {
            if (!m.group(3).isEmpty()) {
                continue; // <empty/>
            }
            if (m.group(1).isEmpty()) {
                stack.addLast(m.group(2));
            } else {
                // Pop to the matching open tag; tolerate stray closing tags.
                if (stack.contains(m.group(2))) {
                    while (!stack.isEmpty() && !stack.removeLast().equals(m.group(2))) {
                        // unwinding unclosed elements
                    }
                }
            }
        }
        return String.join("/", stack);
    }

    private static String table(List<String> before) {
        for (int i = before.size() - 1; i >= 0; i--) {
            Matcher m = TABLE.matcher(before.get(i).strip());
            if (m.matches()) {
                return m.group(1);
            }
        }
        return "";
    }

    private static String jsonKey(String text) {
        Deque<String> stack = new ArrayDeque<>();
        String lastString = "";
        boolean afterColon = false;
        for (int i = 0; i < text.length(); i++) {
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
        // The root object is not a scope of its own: top-level keys have the empty scope.
        return stack.size() <= 1 ? "" : stack.peekLast();
    }
}
