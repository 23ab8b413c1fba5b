package dev.truce.context;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.truce.conflict.FileType;

/**
 * The method, function or class around a range of lines, found by a simple scan: braces for C-like languages,
 * indentation for Python. Not a parser: strings and comments with braces can mislead it, which costs context
 * quality, never correctness (the hunk itself is always shown in full).
 *
 * @param first 0-based first line of the declaration (its header)
 * @param end   0-based line after its last line
 * @param kind  how it was found: {@code braces}, {@code indentation} or {@code window}
 */
record EnclosingDeclaration(int first, int end, String kind) {

    private static final Set<FileType> BRACES = Set.of(FileType.JAVA, FileType.KOTLIN, FileType.GROOVY,
            FileType.SCALA, FileType.GO, FileType.TYPESCRIPT, FileType.JAVASCRIPT, FileType.C, FileType.CPP,
            FileType.CSHARP, FileType.RUST, FileType.GRADLE);
    // A brace block opened by one of these is a statement, not a declaration: keep looking outwards.
    private static final Pattern CONTROL = Pattern.compile(
            "^(}\\s*+)?(if|else|for|foreach|while|do|switch|try|catch|finally|synchronized|return|case|default)\\b.*+");
    private static final Pattern PY_DECL = Pattern.compile("^(\\s*+)(async\\s++def|def|class)\\s.*+");

    /**
     * The declaration around lines {@code [start, end)} of {@code lines}, or a window of {@code window} lines
     * either side when none is found or it is longer than {@code maxLines}.
     */
    public static EnclosingDeclaration around(FileType type, List<String> lines, int start, int end, int maxLines,
            int window) {
        EnclosingDeclaration found = null;
        if (BRACES.contains(type)) {
            found = braces(lines, start, end);
        } else if (type == FileType.PYTHON) {
            found = indentation(lines, start, end);
        }
        if (found == null || found.end - found.first > maxLines) {
            return window(lines.size(), start, end, window);
        }
        return found;
    }

    /** Lines {@code [start - n, end + n)}, clipped to the file. */
    public static EnclosingDeclaration window(int size, int start, int end, int n) {
        return new EnclosingDeclaration(Math.max(0, start - n), Math.min(size, end + n), "window");
    }

    private static EnclosingDeclaration braces(List<String> lines, int start, int end) {
        int balance = 0;
        for (int i = start - 1; i >= 0; i--) {
            String line = lines.get(i);
            balance += count(line, '{') - count(line, '}');
            if (balance <= 0) {
                continue;
            }
            balance = 0;
            if (CONTROL.matcher(line.strip()).matches()) {
                continue;
            }
            int header = i;
            // Annotations and the earlier lines of a signature broken over several lines.
            while (header > 0 && i - header < 6) {
                String prev = lines.get(header - 1).strip();
                if (prev.isEmpty() || prev.endsWith(";") || prev.endsWith("{") || prev.endsWith("}")
                        || prev.startsWith("*") || prev.startsWith("/*") || prev.startsWith("//")) {
                    break;
                }
                header--;
            }
            int depth = 0;
            for (int j = i; j < lines.size(); j++) {
                depth += count(lines.get(j), '{') - count(lines.get(j), '}');
                if (depth <= 0 && j >= end - 1) {
                    return new EnclosingDeclaration(header, j + 1, "braces");
                }
            }
            return null;
        }
        return null;
    }

    private static EnclosingDeclaration indentation(List<String> lines, int start, int end) {
        int indent = Integer.MAX_VALUE;
        for (int i = start; i < Math.min(end, lines.size()); i++) {
            if (!lines.get(i).isBlank()) {
                indent = Math.min(indent, indentOf(lines.get(i)));
            }
        }
        for (int i = start - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.isBlank() || indentOf(line) >= indent) {
                continue;
            }
            var m = PY_DECL.matcher(line);
            if (!m.matches()) {
                indent = indentOf(line);
                continue;
            }
            int own = indentOf(line);
            int header = i;
            while (header > 0 && lines.get(header - 1).strip().startsWith("@") && indentOf(lines.get(header - 1)) == own) {
                header--;
            }
            int j = Math.max(end, i + 1);
            while (j < lines.size() && (lines.get(j).isBlank() || indentOf(lines.get(j)) > own)) {
                j++;
            }
            while (j > end && lines.get(j - 1).isBlank()) {
                j--;
            }
            return new EnclosingDeclaration(header, j, "indentation");
        }
        return null;
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
            n++;
        }
        return n;
    }

    private static int count(String line, char c) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
