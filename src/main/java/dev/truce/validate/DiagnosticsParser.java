package dev.truce.validate;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a build's output into {@link Diagnostic}s with paths relative to the checkout. Understands javac
 * ({@code File.java:12: error: ...} with its source and caret lines), Maven's compiler plugin
 * ({@code [ERROR] /abs/File.java:[12,8] ...}), Gradle's Kotlin plugin ({@code e: file:///.../X.kt:12:8 ...}
 * and the older {@code e: /abs/X.kt: (12, 8): ...}), the Kotlin compiler ({@code X.kt:12:8: error: ...}),
 * tsc ({@code a.ts(12,8): error TS2304: ...} and its pretty form), ESLint's default output (a file name, then
 * {@code 12:8  error  message  rule} lines), and the generic {@code path:line:col: message} and
 * {@code path:line: message} of gcc, Go, pytest and ESLint's unix format.
 *
 * <p>Build output is untrusted: lines are cut at {@value #MAX_LINE} characters, at most {@value #MAX_DIAGNOSTICS}
 * diagnostics are kept, and every pattern matches in time linear in the line. Lines git or a tool could print
 * that only look like locations ({@code 12:30:45}, URLs) are not taken: a generic location needs a file name with
 * an extension.
 */
public final class DiagnosticsParser {

    static final int MAX_LINE = 4_000;
    static final int MAX_DIAGNOSTICS = 500;

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern MAVEN = Pattern.compile(
            "\\[(ERROR|WARNING|WARN|INFO)\\]\\s+(.+?):\\[(\\d+)(?:,(\\d+))?\\]\\s*(.*)");
    private static final Pattern GRADLE_KOTLIN = Pattern.compile("([ewi]):\\s+(.+?\\.kts?):(\\d+):(\\d+)\\s+(.*)");
    private static final Pattern GRADLE_KOTLIN_OLD = Pattern.compile(
            "([ewi]):\\s+(.+?\\.kts?):\\s*\\((\\d+),\\s*(\\d+)\\):\\s*(.*)");
    private static final Pattern TSC = Pattern.compile("(.+?\\.[cm]?[jt]sx?)\\((\\d+),(\\d+)\\):\\s+(error|warning)\\s+(TS\\d+:.*)");
    private static final Pattern TSC_PRETTY = Pattern.compile(
            "(.+?\\.[cm]?[jt]sx?):(\\d+):(\\d+)\\s+-\\s+(error|warning)\\s+(TS\\d+:.*)");
    private static final Pattern JAVAC = Pattern.compile("(.+?\\.java):(\\d+):\\s+(error|warning|Note|note):\\s+(.*)");
    private static final Pattern KOTLINC = Pattern.compile("(.+?\\.kts?):(\\d+):(\\d+):\\s+(error|warning|info):\\s+(.*)");
    private static final Pattern GENERIC = Pattern.compile(
            "(?:\\./)?([^\\s:()\\[\\]\"']+\\.[A-Za-z0-9_+-]{1,12}):(\\d+)(?::(\\d+))?:?\\s+"
                    + "(?:(fatal error|error|warning|note|info)\\s*:\\s*)?(\\S.*)");
    private static final Pattern ESLINT_ROW = Pattern.compile("\\s+(\\d+):(\\d+)\\s+(error|warning)\\s+(.+?)(?:\\s{2,}(\\S+))?");
    private static final Pattern CONTINUATION = Pattern.compile("\\s+(symbol|location|required|found|reason)\\s*:\\s*(.*)");
    private static final Pattern MAVEN_PREFIX = Pattern.compile("^\\[(?:ERROR|WARNING|WARN|INFO)\\] ");
    private static final Pattern CARET = Pattern.compile("\\s*\\^+\\s*");

    private final Path checkout;

    /**
     * A parser for the output of a build that ran in {@code checkout}.
     *
     * @param checkout the checkout's absolute path as the build saw it; absolute paths inside it (and relative
     *                 paths, taken as relative to it) become repository paths
     */
    public DiagnosticsParser(Path checkout) {
        this.checkout = checkout.toAbsolutePath().normalize();
    }

    /** The diagnostics in the output, in order, without repeats (Maven prints each error twice). */
    public List<Diagnostic> parse(String output) {
        Set<Diagnostic> found = new LinkedHashSet<>();
        List<String> lines = output.lines().map(this::clean).toList();
        Located open = null;
        String eslintFile = null;
        for (int i = 0; i < lines.size() && found.size() < MAX_DIAGNOSTICS; i++) {
            String line = lines.get(i);
            Located next = match(line);
            if (next != null) {
                flush(open, found);
                open = next;
                eslintFile = null;
                continue;
            }
            Matcher row = ESLINT_ROW.matcher(line);
            if (eslintFile != null && row.matches()) {
                String message = row.group(4) + (row.group(5) == null ? "" : " (" + row.group(5) + ")");
                flush(open, found);
                open = new Located(eslintFile, Integer.parseInt(row.group(1)), Integer.parseInt(row.group(2)),
                        severity(row.group(3)), message, "eslint");
                continue;
            }
            if (open != null && continueWith(open, line)) {
                continue;
            }
            flush(open, found);
            open = null;
            if (line.startsWith("/") && !line.contains(" ") && line.length() > 1) {
                eslintFile = line; // ESLint's default output names the file alone on a line
            } else if (!line.isBlank()) {
                eslintFile = null;
            }
        }
        flush(open, found);
        return List.copyOf(found);
    }

    /** Adds a javac/Maven continuation (source line, caret, symbol/location) to the open diagnostic. */
    private static boolean continueWith(Located open, String line) {
        // Maven's summary repeats each error with its symbol and location lines behind "[ERROR] " too.
        Matcher c = CONTINUATION.matcher(open.source.equals("maven") ? MAVEN_PREFIX.matcher(line).replaceFirst("")
                : line);
        if (c.matches()) {
            open.extra.append("\n").append(c.group(1)).append(": ").append(c.group(2).strip());
            return true;
        }
        boolean compiler = open.source.equals("javac") || open.source.equals("kotlinc");
        if (compiler && CARET.matcher(line).matches()) {
            if (open.column == 0) {
                open.column = line.indexOf('^') + 1;
            }
            open.sourceLineSeen = true;
            return true;
        }
        if (compiler && !open.sourceLineSeen && !line.isBlank()) {
            open.sourceLineSeen = true; // the source line javac prints before its caret
            return true;
        }
        return false;
    }

    private Located match(String line) {
        Matcher m = MAVEN.matcher(line);
        if (m.matches()) {
            return located(m.group(2), m.group(3), m.group(4), severity(m.group(1)), m.group(5), "maven");
        }
        m = GRADLE_KOTLIN.matcher(line);
        if (m.matches() || (m = GRADLE_KOTLIN_OLD.matcher(line)).matches()) {
            return located(m.group(2), m.group(3), m.group(4), severity(m.group(1)), m.group(5), "gradle");
        }
        m = TSC.matcher(line);
        if (m.matches() || (m = TSC_PRETTY.matcher(line)).matches()) {
            return located(m.group(1), m.group(2), m.group(3), severity(m.group(4)), m.group(5), "tsc");
        }
        m = JAVAC.matcher(line);
        if (m.matches()) {
            return located(m.group(1), m.group(2), null, severity(m.group(3)), m.group(4), "javac");
        }
        m = KOTLINC.matcher(line);
        if (m.matches()) {
            return located(m.group(1), m.group(2), m.group(3), severity(m.group(4)), m.group(5), "kotlinc");
        }
        m = GENERIC.matcher(line);
        if (m.matches()) {
            Diagnostic.Severity severity = m.group(4) == null ? Diagnostic.Severity.ERROR : severity(m.group(4));
            return located(m.group(1), m.group(2), m.group(3), severity, m.group(5), "generic");
        }
        return null;
    }

    private Located located(String rawPath, String line, String column, Diagnostic.Severity severity,
            String message, String source) {
        return new Located(rawPath.strip(), number(line), column == null ? 0 : number(column), severity,
                message.strip(), source);
    }

    private void flush(Located open, Set<Diagnostic> found) {
        if (open == null || found.size() >= MAX_DIAGNOSTICS) {
            return;
        }
        String path = relative(open.rawPath);
        String message = open.message + open.extra;
        if (path == null) {
            // A location outside the checkout (a JDK header, a dependency) says nothing about a repository line.
            found.add(new Diagnostic(null, 0, 0, open.severity,
                    message + " (at " + open.rawPath + ":" + open.line + ")", open.source));
        } else {
            found.add(new Diagnostic(path, open.line, open.column, open.severity, message, open.source));
        }
    }

    /** The repository path of a path a tool printed, or {@code null} when it lies outside the checkout. */
    String relative(String raw) {
        String text = raw;
        if (text.startsWith("file:")) {
            try {
                text = Path.of(new URI(text)).toString();
            } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                return null;
            }
        }
        try {
            Path path = Path.of(text);
            Path absolute = (path.isAbsolute() ? path : checkout.resolve(path)).normalize();
            if (!absolute.startsWith(checkout) || absolute.equals(checkout)) {
                return null;
            }
            return checkout.relativize(absolute).toString().replace('\\', '/');
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private String clean(String line) {
        String cut = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
        if (cut.indexOf('\u001B') >= 0) {
            cut = ANSI.matcher(cut).replaceAll("");
        }
        return cut.endsWith("\r") ? cut.substring(0, cut.length() - 1) : cut;
    }

    private static int number(String digits) {
        // Ten digits would overflow; such a line number is not a real one anyway.
        return digits.length() > 9 ? 0 : Integer.parseInt(digits);
    }

    private static Diagnostic.Severity severity(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.startsWith("e") || w.startsWith("fatal")) {
            return Diagnostic.Severity.ERROR;
        }
        if (w.startsWith("w")) {
            return Diagnostic.Severity.WARNING;
        }
        return Diagnostic.Severity.NOTE;
    }

    /** A diagnostic being read; javac's and Maven's messages go on over the next lines. */
    private static final class Located {
        final String rawPath;
        final int line;
        int column;
        final Diagnostic.Severity severity;
        final String message;
        final String source;
        final StringBuilder extra = new StringBuilder();
        boolean sourceLineSeen;

        Located(String rawPath, int line, int column, Diagnostic.Severity severity, String message, String source) {
            this.rawPath = rawPath;
            this.line = line;
            this.column = column;
            this.severity = severity;
            this.message = message;
            this.source = source;
        }
    }
}
