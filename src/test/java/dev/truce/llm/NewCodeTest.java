package dev.truce.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.truce.conflict.ConflictHunk;
import dev.truce.resolve.Decider;
import dev.truce.resolve.HunkOutcome;
import org.junit.jupiter.api.Test;

class NewCodeTest {

    /** Base {@code int a;}, ours {@code int b;}, theirs {@code int c;}; {@code run();} stands right after the hunk. */
    static final ConflictHunk HUNK = new ConflictHunk(0, List.of("  int a;\n"), List.of("  int b;\n"),
            List.of("  int c;\n"), 2, 2, 2, List.of("class A {\n"), List.of("  void go() { run(); }\n", "}\n"));

    static HunkOutcome model(String... lines) {
        return new HunkOutcome.Resolved(0, new Decider.Model("coder"), "why (confidence high)", List.of(lines), null,
                List.of(), 0);
    }

    @Test
    void linesInNoneOfTheThreeVersionsAreNewCode() {
        assertThat(NewCode.of(HUNK, model("  int b;\n", "  int c;\n"))).isEmpty();
        assertThat(NewCode.of(HUNK, model("  int b;\n", "  Runtime.getRuntime().exec(\"sh\");\n")))
                .containsExactly("  Runtime.getRuntime().exec(\"sh\");");
    }

    @Test
    void terminatorsTrailingWhitespaceAndBlankLinesDoNotMakeNewCode() {
        assertThat(NewCode.of(HUNK, model("  int b;  \r\n", "\n", "   \n", "  int a;"))).isEmpty();
        assertThat(NewCode.of(HUNK, model("int b;\n"))).as("indentation counts").containsExactly("int b;");
    }

    @Test
    void aLineFromElsewhereInTheFileIsStillNewHere() {
        assertThat(NewCode.of(HUNK, model("  int b;\n", "  void go() { run(); }\n")))
                .containsExactly("  void go() { run(); }");
    }

    @Test
    void onlyAModelsResolutionsAreChecked() {
        HunkOutcome strategy = HunkOutcome.resolved(0, "whitespace-carry", "why",
                List.of("\tint b;\n"));
        HunkOutcome declined = new HunkOutcome.Unresolved(0, new Decider.Model("coder"), HunkOutcome.Cause.DECLINED,
                "declined: x", null);

        assertThat(NewCode.of(HUNK, strategy)).isEmpty();
        assertThat(NewCode.of(HUNK, declined)).isEmpty();
    }
}
