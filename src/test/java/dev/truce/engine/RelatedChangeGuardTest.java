package dev.truce.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.FileVersions;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.Resolver;

/** The strategies do not decide a hunk whose result depends on a rename or a new signature on the other side. */
class RelatedChangeGuardTest {


    @Test
    void aCallOfANameTheOtherSideRenamedIsNotTakenByAStrategy() {
        // Ours renames total() to sum(), also where one() calls it; theirs rewrites the next line into a call of total().
        String base = "class Cart {\n  static int total(int a) { return a; }\n\n  int x;\n\n"
                + "  int one() { return total(1); }\n  int two() { return 0; }\n}\n";
        String ours = "class Cart {\n  static int sum(int a) { return a; }\n\n  int x;\n\n"
                + "  int one() { return sum(1); }\n  int two() { return 0; }\n}\n";
        String theirs = "class Cart {\n  static int total(int a) { return a; }\n\n  int x;\n\n"
                + "  int one() { return total(1); }\n  int two() { return total(2); }\n}\n";
        FileVersions versions = versions(base, ours, theirs);

        FileResolver.Result result = new FileResolver(new Resolver(), null).resolve(
                new ConflictModelBuilder().build(versions), FileInputs.of(versions), Deadline.NONE);

        assertThat(result.resolution().outcomes()).singleElement().isInstanceOfSatisfying(HunkOutcome.Unresolved.class,
                u -> assertThat(u.reason()).startsWith("not taken: separate-line-edits's result uses `total`, but ours"
                        + " renamed `total` to `sum`"));
    }

    @Test
    void withoutTheGuardTheSameHunkWouldHaveBeenTaken() {
        // Ours renames total() to sum(), also where one() calls it; theirs rewrites the next line into a call of total().
        String base = "class Cart {\n  static int total(int a) { return a; }\n\n  int x;\n\n"
                + "  int one() { return total(1); }\n  int two() { return 0; }\n}\n";
        String ours = "class Cart {\n  static int sum(int a) { return a; }\n\n  int x;\n\n"
                + "  int one() { return sum(1); }\n  int two() { return 0; }\n}\n";
        String theirs = "class Cart {\n  static int total(int a) { return a; }\n\n  int x;\n\n"
                + "  int one() { return total(1); }\n  int two() { return total(2); }\n}\n";
        FileVersions versions = versions(base, ours, theirs);

        var plain = new Resolver().resolve(new ConflictModelBuilder().build(versions));

        assertThat(plain.outcomes()).singleElement().satisfies(o -> assertThat(o.strategy())
                .isEqualTo("separate-line-edits"));
    }

    @Test
    void aResolutionUsingTheNewNameIsTaken() {
        String base = "class Cart {\n  static int total(int a) { return a; }\n\n  int x;\n\n"
                + "  int one() { return total(1); }\n  int two() { return 0; }\n}\n";
        String ours = "class Cart {\n  static int sum(int a) { return a; }\n\n  int x;\n\n"
                + "  int one() { return sum(1); }\n  int two() { return 0; }\n}\n";
        String theirs = "class Cart {\n  static int total(int a) { return a; }\n\n  int x;\n\n"
                + "  int one() { return total(1); }\n  int two() { return 2; }\n}\n";
        FileVersions versions = versions(base, ours, theirs);

        FileResolver.Result result = new FileResolver(new Resolver(), null).resolve(
                new ConflictModelBuilder().build(versions), FileInputs.of(versions), Deadline.NONE);

        assertThat(result.resolution().isFullyResolved()).as(result.resolution().outcomes().toString()).isTrue();
    }

    private static FileVersions versions(String base, String ours, String theirs) {
        return new FileVersions("src/Cart.java", bytes(base), bytes(ours), bytes(theirs));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
