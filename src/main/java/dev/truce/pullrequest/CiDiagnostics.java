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
 * print absolute paths of their own checkout ({@code /home/runner/work/app/app/src/A.java}); a path that ends with
 * one of the conflicted paths is taken as that path.
 */
final class CiDiagnostics {

    private CiDiagnostics() {
    }

    static List<Diagnostic> of(List<FailedCheck> failed, Set<String> conflictedPaths) {
        Set<Diagnostic> out = new LinkedHashSet<>();
        DiagnosticsParser parser = new DiagnosticsParser(Path.of("/"));
        for (FailedCheck check : failed) {
            for (FailedCheck.Annotation a : check.annotations()) {
                if (a.level().equals("failure") && a.startLine() > 0 && !a.path().isEmpty()) {
                    out.add(Diagnostic.error(repositoryPath(a.path(), conflictedPaths), a.startLine(),
                            a.message().strip(), check.name()));
                }
            }
            for (Diagnostic d : parser.parse(check.text() + "\n" + check.summary())) {
                if (d.severity() == Diagnostic.Severity.ERROR && d.path() != null && d.line() > 0) {
                    out.add(new Diagnostic(repositoryPath(d.path(), conflictedPaths), d.line(), d.column(),
                            d.severity(), d.message(), check.name()));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static String repositoryPath(String path, Set<String> conflictedPaths) {
        String plain = path.startsWith("/") ? path.substring(1) : path;
        for (String conflicted : conflictedPaths) {
            if (plain.equals(conflicted) || plain.endsWith("/" + conflicted)) {
                return conflicted;
            }
        }
        return plain;
    }
}
