package dev.truce.strategy;

import static dev.truce.strategy.HunkFixture.resolveOnly;
import static dev.truce.strategy.HunkFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhitespaceStrategyTest {

    private final WhitespaceStrategy strategy = new WhitespaceStrategy();
    private final WhitespaceCarryStrategy carry = new WhitespaceCarryStrategy();

    @Test
    void sameChangeWithDifferentIndentationTakesTheSideMatchingTheFile() {
        String base = "class A {\n\tint a;\n\tint b = 1;\n\tint c;\n}\n";
        String ours = "class A {\n\tint a;\n    int b = 2;\n\tint c;\n}\n";
        String theirs = "class A {\n\tint a;\n\tint b = 2;\n\tint c;\n}\n";

        Verdict verdict = resolveOnly(strategy, "A.java", base, ours, theirs);

        assertThat(text(verdict)).isEqualTo("\tint b = 2;\n");
        assertThat(verdict.reason()).contains("took theirs").contains("tab indentation");
    }

    @Test
    void sameChangeWithDifferentLineEndingsTakesTheFilesLineEnding() {
        String base = "a\r\nb\r\nold\r\nc\r\n";
        String ours = "a\r\nb\r\nnew\n c\r\n";
        String theirs = "a\r\nb\r\nnew\r\n c\r\n";

        Verdict verdict = resolveOnly(strategy, "notes.txt", base, ours, theirs);

        assertThat(text(verdict)).isEqualTo("new\r\n");
    }

    @Test
    void reindentationIsAppliedToTheOtherSidesContentChange() {
        String base = "void f() {\n  a();\n  b();\n}\n";
        String ours = "void f() {\n    a();\n    b();\n}\n";
        String theirs = "void f() {\n  a(1);\n  b();\n}\n";

        Verdict verdict = resolveOnly(carry, "F.java", base, ours, theirs);

        assertThat(text(verdict)).isEqualTo("    a(1);\n    b();\n");
        assertThat(verdict.reason()).contains("added 2 space(s)");
    }

    @Test
    void pythonReindentationThatCannotBeAppliedExactlyPasses() {
        String base = "def f():\n        a()\n        b()\n";
        String ours = "def f():\n    a()\n    b()\n";
        String theirs = "def f():\n        a(1)\n  b()\n";

        Verdict verdict = resolveOnly(carry, "f.py", base, ours, theirs);

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void pythonIndentationDifferenceBetweenSidesIsNotOnlyWhitespace() {
        String base = "if x:\n    a()\nb()\n";
        String ours = "if x:\n    a()\n    c()\n";
        String theirs = "if x:\n    a()\nc()\n";

        Verdict verdict = resolveOnly(strategy, "f.py", base, ours, theirs);

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void reindentationWithADifferentLineCountOnTheContentSidePasses() {
        String base = "x(\n    a,\n    b)\n";
        String ours = "x(\n        a,\n        b)\n";
        String theirs = "x(\n    a,\n    b)\ny(c)\n";

        Verdict verdict = resolveOnly(carry, "X.java", base, ours, theirs);

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void contentChangesOnBothSidesAreNotWhitespace() {
        Verdict verdict = resolveOnly(carry, "A.java", "a\nb\nc\n", "a\nB\nc\n", "a\nbb\nc\n");

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void theDefaultWhitespaceStrategyLeavesAOneSidedWhitespaceChangeToTheOptInOne() {
        String base = "void f() {\n  a();\n  b();\n}\n";
        String ours = "void f() {\n    a();\n    b();\n}\n";
        String theirs = "void f() {\n  a(1);\n  b();\n}\n";

        assertThat(resolveOnly(strategy, "F.java", base, ours, theirs)).isInstanceOf(Verdict.Passed.class);
        assertThat(strategy.name()).isEqualTo("whitespace");
        assertThat(carry.name()).isEqualTo("whitespace-carry");
    }

    @Test
    void lineEndingsConvertedByOneSideAreCarriedOverTheOthersChange() {
        String base = "\"\"\"\r\nruns py.test\r\n\"\"\"\r\n";
        String ours = "\"\"\"\r\nruns pytest\r\n\"\"\"\r\n";
        String theirs = "\"\"\"\nruns py.test\n\"\"\"\n";

        Verdict verdict = resolveOnly(carry, "s.py", base, ours, theirs);

        assertThat(text(verdict)).isEqualTo("\"\"\"\nruns pytest\n\"\"\"\n");
        assertThat(verdict.reason()).contains("theirs changed only trailing whitespace or line endings");
    }
}
