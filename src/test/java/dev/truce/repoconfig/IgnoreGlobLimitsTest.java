package dev.truce.repoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A repository's {@code ignore} globs cannot stall the workers every repository shares. */
class IgnoreGlobLimitsTest {

    @Test
    void theSecurityReviewsBacktrackingGlobIsMatchedInBoundedTime() {
        // As a regular expression, this glob took 11.5 s on a 100-character path, and two more "**a" over 120 s.
        String glob = "**a**a**a**a**a**a**a**ab";
        RepoConfig config = new RepoConfig(Mode.FIX_PR, List.of(glob, glob.replace("**ab", "**a**a**ab")),
                ConflictLimits.DEFAULT, List.of(), List.of());
        boolean[] ignored = new boolean[2];
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            ignored[0] = config.ignores("a".repeat(100));
            ignored[1] = config.ignores("a".repeat(99) + "b");
        });
        assertThat(ignored[0]).as("the path does not end in b").isFalse();
        assertThat(ignored[1]).isTrue();
    }

    @Test
    void aGlobAtTheWildcardLimitIsMatchedInBoundedTimeOnALongPath() {
        RepoConfig config = new RepoConfig(Mode.FIX_PR, List.of("**a".repeat(31) + "**b"), ConflictLimits.DEFAULT, List.of(),
                List.of());
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThat(config.ignores("a".repeat(4096))).isFalse());
    }

    @Test
    void theParserRejectsGlobsOverTheLimitsNamingThem() {
        RepoConfigParser parser = new RepoConfigParser();
        assertThatThrownBy(() -> parser.parse("ignore: [\"" + "*a".repeat(33) + "\"]\n"))
                .isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("'ignore' glob '" + "*a".repeat(33) + "' has 33 wildcards")
                .hasMessageContaining("at most 32");
        assertThatThrownBy(() -> parser.parse("ignore: [\"docs/" + "x".repeat(300) + "\"]\n"))
                .isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("'ignore' glob 'docs/xxx").hasMessageContaining("305 characters long")
                .hasMessageContaining("at most 256");
    }

    @Test
    void theParserCountsWildcardsAfterCollapsingRepeats() throws Exception {
        RepoConfig config = new RepoConfigParser().parse("ignore: [\"docs/" + "**/".repeat(40) + "*.md\"]\n");
        assertThat(config.ignores("docs/a/b/c.md")).isTrue();
        assertThat(config.ignores("src/c.md")).isFalse();
    }
}
