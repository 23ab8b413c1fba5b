package dev.truce.pullrequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.truce.github.FailedCheck;
import dev.truce.validate.Diagnostic;
import dev.truce.validate.DiagnosticsParser;

/**
 * The errors of a commit's failed checks, as diagnostics on the repository's files: each failure annotation, and
 * what {@link DiagnosticsParser} finds in a check's output text (a log excerpt, where the CI puts one). CI runners
 * print absolute paths of their own checkout ({@code /home/runner/work/app/app/src/A.java}): an absolute path that
 * ends with a conflicted path is taken as the longest such path; a relative path is the repository's own and must be
 * one exactly (so {@code lib/A.java}'s errors never land on a conflicted {@code A.java}). Paths with {@code ..} are
 * dropped. Each message is cut at {@link #MAX_MESSAGE} characters: it is untrusted text bound for a model's prompt.
 */
final class CiDiagnostics {

    private CiDiagnostics() {
    }

    /** The longest message of one CI diagnostic passed on. */
    static final int MAX_MESSAGE = 1_000;

    static List<Diagnostic> of(List<FailedCheck> failed, Set<String> conflicted) {
        // Longest first, so /w/app/src/A.java is src/A.java rather than A.java when both conflict.
        List<String> conflictedPaths = conflicted.stream().sorted(java.util.Comparator.comparingInt(String::length)
                .reversed().thenComparing(java.util.Comparator.naturalOrder())).toList();
        Set<Diagnostic> out = new LinkedHashSet<>();
        // Relative paths in a log are the repository's; the first parser keeps only those (absolute ones fall outside
        // its made-up root), the second sees every path relative to "/", so what it adds was absolute.
        DiagnosticsParser relative = new DiagnosticsParser(Path.of("/truce-ci-relative"));
        DiagnosticsParser all = new DiagnosticsParser(Path.of("/"));
        for (FailedCheck check : failed) {
            for (FailedCheck.Annotation a : check.annotations()) {
                String path = repositoryPath(a.path(), conflictedPaths);
                if (a.level().equals("failure") && a.startLine() > 0 && path != null) {
                    out.add(Diagnostic.error(path, a.startLine(), cap(a.message().strip()), check.name()));
                }
            }
            String text = check.text() + "\n" + check.summary();
            Set<String> relativeAt = new java.util.HashSet<>();
            for (Diagnostic d : relative.parse(text)) {
                if (d.path() != null) {
                    relativeAt.add(d.path() + ":" + d.line() + ":" + d.message());
                }
            }
            for (Diagnostic d : all.parse(text)) {
                if (d.path() == null) {
                    continue;
                }
                boolean wasRelative = relativeAt.contains(d.path() + ":" + d.line() + ":" + d.message());
                String path = repositoryPath(wasRelative ? d.path() : "/" + d.path(), conflictedPaths);
                if (d.severity() == Diagnostic.Severity.ERROR && path != null && d.line() > 0) {
                    out.add(new Diagnostic(path, d.line(), d.column(), d.severity(), cap(d.message()),
                            check.name()));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The repository path {@code path} names, or {@code null} when it names none Truce can use. */
    private static String repositoryPath(String path, List<String> conflictedPaths) {
        if (path.isEmpty() || java.util.Arrays.asList(path.split("/")).contains("..")) {
            return null;
        }
        if (!path.startsWith("/")) {
            return path.startsWith("./") ? path.substring(2) : path;
        }
        for (String conflicted : conflictedPaths) {
            if (path.endsWith("/" + conflicted)) {
                return conflicted;
            }
        }
        return path.substring(1);
    }

    private static String cap(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}
