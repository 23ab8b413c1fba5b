package dev.truce.validate;

import java.util.Objects;

/**
 * One message a check or a build tool gave about a file: where, how bad, what.
 *
 * @param path     the file, relative to the repository root with {@code /} separators; {@code null} when the
 *                 message names no file or a file outside the checkout
 * @param line     1-based line, 0 when unknown
 * @param column   1-based column, 0 when unknown
 * @param severity how bad it is
 * @param message  what the tool said, on one or more lines (javac's {@code symbol:} and {@code location:}
 *                 lines are kept)
 * @param source   who said it: {@code javac}, {@code maven}, {@code gradle}, {@code kotlinc}, {@code tsc},
 *                 {@code generic} for build output; {@code markers}, {@code java}, {@code xml}, {@code json},
 *                 {@code yaml}, {@code toml}, {@code properties}, {@code imports} for the in-process checks
 */
public record Diagnostic(String path, int line, int column, Severity severity, String message, String source) {

    /** How bad a diagnostic is. */
    public enum Severity {
        /** The build or the check fails because of it. */
        ERROR,
        /** Reported, but the tool goes on. */
        WARNING,
        /** Extra information attached to another message. */
        NOTE
    }

    public Diagnostic {
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column are 1-based, 0 for unknown: " + line + ":" + column);
        }
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
    }

    /** An error at a line (column unknown). */
    public static Diagnostic error(String path, int line, String message, String source) {
        return new Diagnostic(path, line, 0, Severity.ERROR, message, source);
    }

    /** {@code path:line:column: message} as compilers print it, for reports and repair prompts. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(path == null ? "(no file)" : path);
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        out.append(": ").append(severity.name().toLowerCase(java.util.Locale.ROOT)).append(": ").append(message);
        return out.toString();
    }
}
