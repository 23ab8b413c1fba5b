package dev.truce.strategy;

import static dev.truce.strategy.HunkFixture.resolveOnly;
import static dev.truce.strategy.HunkFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link SeparateLineEditsStrategy} in source code, where only one-for-one rewrites are combined. */
class SeparateLineEditsInSourceCodeTest {

    private final SeparateLineEditsStrategy strategy = new SeparateLineEditsStrategy();

    @Test
    void editsToNeighbouringLinesAreBothKept() {
        String base = "class A {\n    int timeout = 10;\n    int retries = 3;\n}\n";
        String ours = "class A {\n    int timeout = 30;\n    int retries = 3;\n}\n";
        String theirs = "class A {\n    int timeout = 10;\n    int retries = 5;\n}\n";
        Verdict v = resolveOnly(strategy, "A.java", base, ours, theirs);
        assertThat(text(v)).isEqualTo("    int timeout = 30;\n    int retries = 5;\n");
        assertThat(v.reason()).contains("ours changed base line 2").contains("theirs changed base line 3");
    }

    @Test
    void interleavedEditsKeepBaseOrder() {
        String base = "a = 1\nb = 2\nc = 3\nd = 4\n";
        String ours = "a = 1\nb = 20\nc = 3\nd = 40\n";
        String theirs = "a = 1\nb = 2\nc = 30\nd = 4\n";
        Verdict v = resolveOnly(strategy, "settings.py", base, ours, theirs);
        assertThat(text(v)).isEqualTo("b = 20\nc = 30\nd = 40\n");
    }

    @Test
    void passesWhenBothSidesEditTheSameLine() {
        String base = "class A {\n    int timeout = 10;\n    int retries = 3;\n}\n";
        String ours = "class A {\n    long timeout = 10;\n    int retries = 4;\n}\n";
        String theirs = "class A {\n    int timeout = 10;\n    int retries = 5;\n}\n";
        Verdict v = resolveOnly(strategy, "A.java", base, ours, theirs);
        assertThat(v).isEqualTo(Verdict.recognisedButPassed("both sides changed base line 3"));
    }

    @Test
    void passesWhenBothSidesInsertAtTheSamePoint() {
        String base = "class A {\n    int a;\n    int b;\n}\n";
        String ours = "class A {\n    int a = 1;\n    int x;\n    int b;\n}\n";
        String theirs = "class A {\n    int a;\n    int y;\n    int b = 2;\n}\n";
        Verdict v = resolveOnly(strategy, "A.java", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(((Verdict.Passed) v).relevant()).isTrue();
    }

    @Test
    void passesOnPureInsertionsByBothSides() {
        String base = "a\nb\n";
        String ours = "a\nx\nb\n";
        String theirs = "a\ny\nb\n";
        Verdict v = resolveOnly(strategy, "A.java", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(((Verdict.Passed) v).relevant()).isFalse();
    }

    @Test
    void passesWhenALineIsInsertedNextToTheOtherSidesEdit() {
        String base = "import a.A;\nimport b.B;\n";
        String ours = "import a.A2;\nimport b.B;\n";
        String theirs = "import a.A;\nimport a.Z;\nimport b.B;\n";
        Verdict v = resolveOnly(strategy, "A.java", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(v.reason()).contains("theirs inserted 1 line(s) before base line 2");
    }

    @Test
    void passesOnYamlWhereNeighbouringLinesAreCoupled() {
        String base = "ath:\n  revision: abc\n  image: ath:1.0\n";
        String ours = "ath:\n  revision: def\n  image: ath:1.0\n";
        String theirs = "ath:\n  revision: abc\n  image: ath:2.0\n";
        Verdict v = resolveOnly(strategy, "essentials.yml", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void keepsCrlfLineEndings() {
        String base = "a = 1\r\nb = 2\r\nc = 3\r\n";
        String ours = "a = 1\r\nb = 20\r\nc = 3\r\n";
        String theirs = "a = 1\r\nb = 2\r\nc = 30\r\n";
        Verdict v = resolveOnly(strategy, "app.properties", base, ours, theirs);
        assertThat(text(v)).isEqualTo("b = 20\r\nc = 30\r\n");
    }

    @Test
    void runsAfterTheStrategiesForSpecificShapes() {
        var names = Strategies.defaults().stream().map(ResolutionStrategy::name).toList();
        assertThat(names.indexOf("separate-line-edits")).isGreaterThan(names.indexOf("version-bump"))
                .isGreaterThan(names.indexOf("import-union"));
    }
}
