package dev.truce.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Strategies;
import dev.truce.strategy.Verdict;
import dev.truce.testing.MutableClock;

/** The resolver's limits: a deadline per file (or job) and a line-length cap for the strategies that parse lines. */
class ResolverLimitsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void anExpiredDeadlineLeavesEveryHunkUnresolvedSayingItTookTooLong() {
        ConflictedFile file = threeVersionBumps();
        CountingStrategy counting = new CountingStrategy(Duration.ZERO);
        Deadline deadline = Deadline.after(Duration.ZERO, clock);

        FileResolution resolution = new Resolver(List.of(counting)).resolve(file, deadline);

        assertThat(resolution.outcomes()).hasSize(3).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(HunkOutcome.Status.UNRESOLVED);
            assertThat(o.strategy()).isNull();
            assertThat(o.reason()).startsWith("needs a human: took too long (the time limit of 0 ms passed");
        });
        assertThat(counting.calls).as("no strategy work once the deadline has passed").isZero();
    }

    @Test
    void aDeadlineThatPassesMidwayStopsBeforeTheNextStrategyAndLeavesTheRestToAHuman() {
        ConflictedFile file = threeVersionBumps();
        // Each call takes 6 s of the 10 s: hunk 0's first strategy, then hunk 1's first strategy, then time is up.
        CountingStrategy slow = new CountingStrategy(Duration.ofSeconds(6));
        CountingStrategy second = new CountingStrategy(Duration.ZERO);

        FileResolution resolution = new Resolver(List.of(slow, second))
                .resolve(file, Deadline.after(Duration.ofSeconds(10), clock));

        assertThat(slow.calls).isEqualTo(2);
        assertThat(second.calls).as("hunk 0 only: hunk 1's first strategy ran past the deadline").isEqualTo(1);
        assertThat(resolution.outcomes().get(0).reason()).isEqualTo("counting: looked at it");
        for (int i = 1; i < 3; i++) {
            assertThat(resolution.outcomes().get(i).status()).isEqualTo(HunkOutcome.Status.UNRESOLVED);
            assertThat(resolution.outcomes().get(i).reason())
                    .isEqualTo("needs a human: took too long (the time limit of 10 s passed before this was decided)");
        }
    }

    @Test
    void withoutADeadlineTheDefaultChainResolvesAsBefore() {
        ConflictedFile file = threeVersionBumps();

        FileResolution none = new Resolver().resolve(file);
        FileResolution later = new Resolver().resolve(file, Deadline.after(Duration.ofMinutes(5), clock));

        assertThat(none.isFullyResolved()).isTrue();
        assertThat(later.outcomes()).isEqualTo(none.outcomes());
        assertThat(Deadline.NONE.expired()).isFalse();
        assertThat(Deadline.NONE.limit()).isEmpty();
        assertThat(Deadline.after(Duration.ofSeconds(30)).limit()).contains(Duration.ofSeconds(30));
        assertThatThrownBy(() -> Deadline.after(Duration.ofSeconds(-1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
    }

    @Test
    void aHunkWithALineOverTheLimitIsPassedByTheStrategiesThatParseLinesNamingLengthAndLimit() {
        String longLine = "    <description>" + "x".repeat(48_213 - 30) + "</description>";
        assertThat(longLine.length()).isEqualTo(48_213 - 30 + 31);
        ConflictedFile file = file("pom.xml", pom("1.0", longLine), pom("1.1", longLine), pom("1.2", longLine));

        HunkOutcome outcome = new Resolver(Strategies.defaults(), 4_000).resolve(file).outcomes().get(0);

        assertThat(outcome.status()).isEqualTo(HunkOutcome.Status.UNRESOLVED);
        assertThat(outcome.reason()).isEqualTo("a line of 48,214 characters is over the 4,000-character limit for"
                + " deterministic strategies");
        // Under the limit the same file is a plain version bump.
        assertThat(new Resolver(Strategies.defaults(), 50_000).resolve(file).outcomes().get(0).strategy())
                .isEqualTo("version-bump");
    }

    @Test
    void aLineExactlyAtTheLimitIsStillParsed() {
        String line = "x".repeat(Resolver.DEFAULT_MAX_LINE_LENGTH - 20);
        String atLimit = "  <name>" + line + "</name>" + " ".repeat(5);
        assertThat(atLimit.length()).isEqualTo(Resolver.DEFAULT_MAX_LINE_LENGTH);
        ConflictedFile file = file("pom.xml", pom("1.0", atLimit), pom("1.1", atLimit), pom("1.2", atLimit));

        assertThat(new Resolver().resolve(file).outcomes().get(0).strategy()).isEqualTo("version-bump");
    }

    @Test
    void strategiesThatOnlyCompareLinesOrReadThePathStillDecideHunksWithLongLines() {
        String minified = "var a=" + "1+".repeat(10_000) + "1;\n";
        ConflictedFile bundle = file("static/app.min.js", minified, minified.replace("var a", "var b"),
                minified.replace("var a", "var c"));
        assertThat(new Resolver().resolve(bundle).needsRegeneration()).isTrue();

        // Both sides added the same line; beyond it only ours changed the long one.
        String data = "  gap: " + "y".repeat(9_000) + ";\n";
        ConflictedFile oneSide = file("a.css", ".a {\n" + data + "}\n",
                ".a {\n  align: center;\n" + data.replace("gap", "GAP") + "}\n", ".a {\n  align: center;\n" + data + "}\n");
        HunkOutcome outcome = new Resolver().resolve(oneSide).outcomes().get(0);
        assertThat(outcome.strategy()).isEqualTo("one-side-changed");
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> new Resolver(Strategies.defaults(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above 0");
    }

    /** Three version bumps far enough apart to be three hunks. */
    private static ConflictedFile threeVersionBumps() {
        List<String> base = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            base.add("a" + i + ".version=1.0\n");
            ours.add("a" + i + ".version=1.1\n");
            theirs.add("a" + i + ".version=1.2\n");
            for (int j = 0; j < 5; j++) {
                String stable = "# section " + i + " line " + j + "\n";
                base.add(stable);
                ours.add(stable);
                theirs.add(stable);
            }
        }
        ConflictedFile file = file("gradle.properties", String.join("", base), String.join("", ours),
                String.join("", theirs));
        assertThat(file.hunks()).hasSize(3);
        return file;
    }

    private static String pom(String version, String extra) {
        return "<project>\n  <version>" + version + "</version>\n" + extra + "\n</project>\n";
    }

    private static ConflictedFile file(String path, String base, String ours, String theirs) {
        return new ConflictModelBuilder().build(new FileVersions(path, base.getBytes(StandardCharsets.UTF_8),
                ours.getBytes(StandardCharsets.UTF_8), theirs.getBytes(StandardCharsets.UTF_8)));
    }

    /** A strategy that passes every hunk and moves the test's clock by a fixed time per call. */
    private final class CountingStrategy implements ResolutionStrategy {
        final Duration takes;
        int calls;

        CountingStrategy(Duration takes) {
            this.takes = takes;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
            calls++;
            clock.advance(takes);
            return Verdict.recognisedButPassed("looked at it");
        }
    }
}
