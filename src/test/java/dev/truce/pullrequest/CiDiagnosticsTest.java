package dev.truce.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.truce.github.FailedCheck;
import dev.truce.validate.Diagnostic;

/** Where a CI's errors are: its annotations and its log's compiler lines, on the repository's paths. */
class CiDiagnosticsTest {

    static FailedCheck check(String text, FailedCheck.Annotation... annotations) {
        return new FailedCheck("build", "failure", "", text, List.of(annotations));
    }

    static FailedCheck.Annotation annotation(String path, int line) {
        return new FailedCheck.Annotation(path, line, line, "failure", "cannot find symbol");
    }

    @Test
    void anAnnotationOnAnotherFileWithTheSameNameStaysOnThatFile() {
        List<Diagnostic> found = CiDiagnostics.of(List.of(check("", annotation("lib/A.java", 3),
                annotation("A.java", 4))), Set.of("A.java"));

        assertThat(found).extracting(Diagnostic::path, Diagnostic::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lib/A.java", 3),
                        org.assertj.core.groups.Tuple.tuple("A.java", 4));
    }

    @Test
    void anAbsolutePathOfTheRunnersCheckoutIsTheLongestConflictedPathItEndsWith() {
        String log = "/home/runner/work/app/app/src/A.java:3: error: cannot find symbol\n"
                + "lib/A.java:7: error: cannot find symbol\n";

        List<Diagnostic> found = CiDiagnostics.of(List.of(check(log)), Set.of("A.java", "src/A.java"));

        assertThat(found).extracting(Diagnostic::path).containsExactly("src/A.java", "lib/A.java");
    }

    @Test
    void pathsLeavingTheRepositoryAreDroppedAndLongMessagesCut() {
        FailedCheck.Annotation escape = annotation("../etc/passwd", 1);
        FailedCheck.Annotation flood = new FailedCheck.Annotation("A.java", 2, 2, "failure", "x".repeat(50_000));
        FailedCheck.Annotation warning = new FailedCheck.Annotation("A.java", 5, 5, "warning", "unused");

        List<Diagnostic> found = CiDiagnostics.of(List.of(check("", escape, flood, warning)), Set.of("A.java"));

        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("A.java");
            assertThat(d.message()).hasSize(CiDiagnostics.MAX_MESSAGE + 1);
        });
    }
}
