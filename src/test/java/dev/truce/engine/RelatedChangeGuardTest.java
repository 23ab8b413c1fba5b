package dev.truce.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.FileVersions;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.Resolver;

/** The strategies do not decide a hunk whose result depends on a rename or a new signature on the other side. */
class RelatedChangeGuardTest {

    private static final String BASE = "class Cart {\n  static int total(int a) { return a; }\n\n  int x;\n\n"
            + "  int one() { return total(1); }\n  int two() { return 0; }\n}\n";
    /** Ours renames total() to sum(), also where one() calls it. */
    private static final String OURS_RENAMES = "class Cart {\n  static int sum(int a) { return a; }\n\n  int x;\n\n"
            + "  int one() { return sum(1); }\n  int two() { return 0; }\n}\n";
    /** Theirs rewrites the line next to one() into a call of total(). */
    private static final String THEIRS_CALLS_OLD_NAME = "class Cart {\n  static int total(int a) { return a; }\n\n"
            + "  int x;\n\n  int one() { return total(1); }\n  int two() { return total(2); }\n}\n";

    @Test
    void aCallOfANameTheOtherSideRenamedIsNotTakenByAStrategy() {
        FileResolution resolution = resolveGuarded(versions(BASE, OURS_RENAMES, THEIRS_CALLS_OLD_NAME));

        assertThat(resolution.outcomes()).singleElement().isInstanceOfSatisfying(HunkOutcome.Unresolved.class,
                u -> assertThat(u.reason()).startsWith("not taken: separate-line-edits's result uses `total`, but ours"
                        + " renamed `total` to `sum`"));
    }

    @Test
    void withoutTheGuardTheSameHunkWouldHaveBeenTaken() {
        FileVersions versions = versions(BASE, OURS_RENAMES, THEIRS_CALLS_OLD_NAME);

        var plain = new Resolver().resolve(new ConflictModelBuilder().build(versions));

        assertThat(plain.outcomes()).singleElement().satisfies(o -> assertThat(o.strategy())
                .isEqualTo("separate-line-edits"));
    }

    @Test
    void aResolutionUsingTheNewNameIsTaken() {
        String theirs = THEIRS_CALLS_OLD_NAME.replace("return total(2);", "return 2;");

        FileResolution resolution = resolveGuarded(versions(BASE, OURS_RENAMES, theirs));

        assertThat(resolution.isFullyResolved()).as(resolution.outcomes().toString()).isTrue();
    }

    /** The file through the engine's file resolver, which applies the related-changes guard after the strategies. */
    private static FileResolution resolveGuarded(FileVersions versions) {
        return new FileResolver(new Resolver(), null).resolve(
                new ConflictModelBuilder().build(versions), FileInputs.of(versions), Deadline.NONE).resolution();
    }

    private static FileVersions versions(String base, String ours, String theirs) {
        return new FileVersions("src/Cart.java", bytes(base), bytes(ours), bytes(theirs));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
