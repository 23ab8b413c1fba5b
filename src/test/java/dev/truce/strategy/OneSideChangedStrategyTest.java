package dev.truce.strategy;

import static dev.truce.strategy.HunkFixture.resolveOnly;
import static dev.truce.strategy.HunkFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneSideChangedStrategyTest {

    private final OneSideChangedStrategy strategy = new OneSideChangedStrategy();

    @Test
    void takesTheOnlySideThatChangedABaseLineAfterTheSharedChangeIsMovedOut() {
        String base = ".a {\n  gap: 1rem;\n  wrap: yes;\n}\n";
        String ours = ".a {\n  align: center;\n  gap: 2rem;\n  wrap: yes;\n}\n";
        String theirs = ".a {\n  align: center;\n  gap: 1rem;\n  wrap: yes;\n}\n";
        Verdict v = resolveOnly(strategy, "a.css", base, ours, theirs);
        assertThat(text(v)).isEqualTo("  gap: 2rem;\n");
        assertThat(v.reason()).contains("only ours changed");
    }

    @Test
    void passesWhenBothSidesAddedTheBlockAndOnlyOneCopyHasALine() {
        // Both sides added the same method; only theirs' copy carries the annotation. Ours did not "leave the base
        // alone" here: it wrote the method without it.
        String base = "class A {\n  void a() {}\n}\n";
        String ours = "class A {\n  void a() {}\n\n  /** Checks. */\n  static void check() {\n    run();\n  }\n}\n";
        String theirs = "class A {\n  void a() {}\n\n  /** Checks. */\n  @Restricted\n  static void check() {\n"
                + "    run();\n  }\n}\n";
        Verdict v = resolveOnly(strategy, "A.java", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(((Verdict.Passed) v).relevant()).isTrue();
        assertThat(v.reason()).contains("both sides added the text around this region", "theirs' copy");
    }
}
