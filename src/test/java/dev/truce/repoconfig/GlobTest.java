package dev.truce.repoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The {@code ignore} globs' documented semantics, and the same answers as the regular expressions they replace. */
class GlobTest {

    @Test
    void starStaysInOneDirectoryAndDoubleStarCrossesThem() {
        assertThat(Glob.of("src/*/gen.txt").matches("src/a/gen.txt")).isTrue();
        assertThat(Glob.of("src/*/gen.txt").matches("src/a/b/gen.txt")).isFalse();
        assertThat(Glob.of("docs/**").matches("docs/a/b.md")).isTrue();
        assertThat(Glob.of("docs/**").matches("mydocs/a.md")).isFalse();
        assertThat(Glob.of("src/**/test/*.java").matches("src/test/A.java")).as("**/ matches no directory").isTrue();
        assertThat(Glob.of("src/**/test/*.java").matches("src/a/b/test/A.java")).isTrue();
        assertThat(Glob.of("src/**/test/*.java").matches("src/atest/A.java")).as("**/ ends at a /").isFalse();
        assertThat(Glob.of("a?c/x").matches("abc/x")).isTrue();
        assertThat(Glob.of("a?c/x").matches("a/c/x")).as("? is not /").isFalse();
    }

    @Test
    void aGlobWithoutSlashMatchesTheFileNameAnywhereAndALeadingSlashAnchors() {
        assertThat(Glob.of("*.snap").matches("x/y/z.snap")).isTrue();
        assertThat(Glob.of("*.snap").matches("z.snap")).isTrue();
        assertThat(Glob.of("gen.txt").matches("deep/down/gen.txt")).isTrue();
        assertThat(Glob.of("/gen.txt").matches("gen.txt")).isTrue();
        assertThat(Glob.of("/gen.txt").matches("deep/gen.txt")).isFalse();
        assertThat(Glob.of("/docs/*.md").matches("docs/a.md")).isTrue();
    }

    @Test
    void repeatedDoubleStarsCollapseAndMeanWhatOneDoes() {
        for (String glob : List.of("docs/****", "docs/**/**", "docs/**/**/**", "docs/***")) {
            assertThat(Glob.of(glob).matches("docs/a/b/c.md")).as(glob).isTrue();
            assertThat(Glob.of(glob).matches("other/a.md")).as(glob).isFalse();
        }
        assertThat(Glob.of("a/**/**/b").matches("a/b")).isTrue();
        assertThat(Glob.of("a/**/**/b").matches("a/x/y/b")).isTrue();
        assertThat(Glob.of("a/**/**/b").matches("a/xb")).isFalse();
    }

    @Test
    void matchesWhatTheRegularExpressionTranslationMatchedOnRandomGlobsAndPaths() {
        Random random = new Random(42);
        String[] globParts = {"a", "b", "/", "*", "**", "**/", "?", "."};
        String[] pathParts = {"a", "b", "/", "."};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder glob = new StringBuilder(random.nextInt(5) == 0 ? "/" : "");
            for (int i = random.nextInt(7); i >= 0; i--) {
                glob.append(globParts[random.nextInt(globParts.length)]);
            }
            StringBuilder path = new StringBuilder();
            for (int i = random.nextInt(9); i >= 0; i--) {
                path.append(pathParts[random.nextInt(pathParts.length)]);
            }
            String g = glob.toString();
            String p = path.toString();
            assertThat(Glob.of(g).matches(p)).as("glob %s on %s", g, p).isEqualTo(oldMatches(g, p));
        }
    }

    /** The translation to a regular expression that RepoConfig used before, as the reference for the semantics. */
    private static boolean oldMatches(String glob, String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        boolean anywhere = !glob.contains("/");
        StringBuilder regex = new StringBuilder();
        String g = glob.startsWith("/") ? glob.substring(1) : glob;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slash = i + 2 < g.length() && g.charAt(i + 2) == '/';
                regex.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString()).matcher(anywhere ? name : path).matches();
    }
}
