package dev.truce.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Strategies;

/**
 * The security review's hostile inputs, each through the whole chain: every one finishes well within a generous
 * bound (a safety net, not a benchmark: each takes milliseconds) with the outcome short input gets.
 */
class HostileInputTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final List<ResolutionStrategy> WITH_OPT_INS = Strategies.select(ReceivingSide.OURS,
            List.of("list-insertion", "whitespace-carry"), List.of());

    @Test
    void scriptImportLineOfSixThousandSpacesInTheHunkIsPassedWithTheLineLimitAsReason() {
        // Took 151 s through import-union's pattern before.
        String hostile = "import" + " ".repeat(6_000) + "x\n";
        ConflictedFile file = file("src/app.js", "import a from 'a';\n", "import a from 'a';\n" + hostile,
                "import a from 'a';\nimport b from 'b';\n");
        for (List<ResolutionStrategy> chain : List.of(Strategies.defaults(), WITH_OPT_INS)) {
            HunkOutcome outcome = resolve(new Resolver(chain), file).outcomes().get(0);
            assertThat(outcome.status()).isEqualTo(HunkOutcome.Status.UNRESOLVED);
            assertThat(outcome.reason()).contains("a line of 6,007 characters is over the 4,000-character limit");
        }
    }

    @Test
    void scriptImportLineOfSixThousandSpacesElsewhereInTheFileDoesNotSlowTheImportMerge() {
        // The stable lines are parsed as would-be imports and for the names the code uses.
        String code = "\nfunction f() { return a(b, c); }\n" + "import" + " ".repeat(6_000) + "x\n";
        String base = "import a from 'a';\n" + code;
        String ours = "import a from 'a';\nimport b from 'b';\n" + code;
        String theirs = "import a from 'a';\nimport c from 'c';\n" + code;
        ConflictedFile hostile = file("src/app.js", base, ours, theirs);
        ConflictedFile plain = file("src/app.js", base.replace(" ".repeat(6_000), " "),
                ours.replace(" ".repeat(6_000), " "), theirs.replace(" ".repeat(6_000), " "));
        for (List<ResolutionStrategy> chain : List.of(Strategies.defaults(), WITH_OPT_INS)) {
            Resolver resolver = new Resolver(chain, Integer.MAX_VALUE);
            FileResolution resolution = resolve(resolver, hostile);
            assertThat(resolution.outcomes()).isEqualTo(resolve(resolver, plain).outcomes());
            assertThat(resolution.outcomes().get(0).strategy()).isEqualTo("import-union");
        }
    }

    @Test
    void pomWithA30KbLineNextToTheHunkIsPassedAndOneFarAwayDoesNotSlowTheVersionBump() {
        // Took 25 s (130 s on a busy machine) before: XML tag patterns, three calls per hunk, quadratic.
        String longLine = "  <" + "a".repeat(30_000) + "\n";
        HunkOutcome near = resolve(new Resolver(), file("pom.xml", pom("1.0", longLine, 0), pom("1.1", longLine, 0),
                pom("1.2", longLine, 0))).outcomes().get(0);
        assertThat(near.status()).isEqualTo(HunkOutcome.Status.UNRESOLVED);
        assertThat(near.reason()).startsWith("a line of 30,003 characters is over the 4,000-character limit");

        HunkOutcome far = resolve(new Resolver(), file("pom.xml", pom("1.0", longLine, 60), pom("1.1", longLine, 60),
                pom("1.2", longLine, 60))).outcomes().get(0);
        assertThat(far.strategy()).isEqualTo("version-bump");
        assertThat(far.lines()).containsExactly("  <version>1.2</version>\n");
    }

    @Test
    void pomWithATwoMebibyteLineIsReadInLinearTime() {
        String longLine = "  <" + "a".repeat(2_000_000) + "\n";
        ConflictedFile file = file("pom.xml", pom("1.0", longLine, 60), pom("1.1", longLine, 60),
                pom("1.2", longLine, 60));
        assertThat(file.hasHunks()).as("under the 2 MiB file limit").isTrue();
        HunkOutcome outcome = resolve(new Resolver(Strategies.defaults(), Integer.MAX_VALUE), file).outcomes().get(0);
        assertThat(outcome.strategy()).isEqualTo("version-bump");
    }

    @Test
    void tenKilobyteVersionLineNoLongerOverflowsTheStack() {
        // Threw StackOverflowError before: the version pattern recursed once per ".1".
        String version = "1" + ".1".repeat(5_000);
        ConflictedFile file = file("gradle.properties", "version=1.0\n", "version=" + version + "\n",
                "version=2." + version + "\n");
        HunkOutcome capped = resolve(new Resolver(), file).outcomes().get(0);
        assertThat(capped.reason()).startsWith("a line of 10,011 characters is over the 4,000-character limit");
        // Without the limit the strategies read it, in linear time, and see a version too long to order.
        HunkOutcome read = resolve(new Resolver(Strategies.defaults(), Integer.MAX_VALUE), file).outcomes().get(0);
        assertThat(read.status()).isEqualTo(HunkOutcome.Status.UNRESOLVED);
        assertThat(read.reason()).contains("version-bump: both sides changed version, to versions over 200 characters");
    }

    @Test
    void versionsOfThousandsOfPartsAreNotOrdered() {
        // Maven's ordering recursed once per '-' part: a stack overflow for a few thousand of them.
        String base = "1-".repeat(5_000) + "1";
        ConflictedFile file = file("gradle.properties", "version=" + base + "\n", "version=" + base + "2\n",
                "version=" + base + "3\n");
        HunkOutcome outcome = resolve(new Resolver(Strategies.defaults(), Integer.MAX_VALUE), file).outcomes().get(0);
        assertThat(outcome.status()).isEqualTo(HunkOutcome.Status.UNRESOLVED);
        assertThat(outcome.reason()).contains("versions over 200 characters long; versions that long are not ordered");
    }

    @Test
    void aLongKeyBeforeManyVersionsIsReadInLinearTime() {
        // The key-at-end pattern ran once per version candidate on the whole text before it: quadratic, and
        // quadratic again inside on a long run of key characters.
        String line = "a".repeat(40_000) + "# " + "1.2.3 ".repeat(20_000);
        ConflictedFile file = file("gradle.properties", "x=1.0\n" + line + "\n", "x=1.1\n" + line + "1.2.4\n",
                "x=1.2\n" + line + "1.2.5\n");
        FileResolution resolution = resolve(new Resolver(Strategies.defaults(), Integer.MAX_VALUE), file);
        assertThat(resolution.outcomes()).isNotEmpty();
    }

    private static FileResolution resolve(Resolver resolver, ConflictedFile file) {
        return assertTimeoutPreemptively(BOUND, () -> resolver.resolve(file));
    }

    /** A POM whose project version is on line 2 and {@code extra} after {@code gap} more lines. */
    private static String pom(String version, String extra, int gap) {
        return "<project>\n  <version>" + version + "</version>\n" + "  <!-- filler -->\n".repeat(gap) + extra
                + "</project>\n";
    }

    private static ConflictedFile file(String path, String base, String ours, String theirs) {
        return new ConflictModelBuilder().build(new FileVersions(path, base.getBytes(StandardCharsets.UTF_8),
                ours.getBytes(StandardCharsets.UTF_8), theirs.getBytes(StandardCharsets.UTF_8)));
    }
}
