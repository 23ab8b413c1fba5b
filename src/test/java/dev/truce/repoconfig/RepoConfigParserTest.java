package dev.truce.repoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.util.List;

import org.junit.jupiter.api.Test;

class RepoConfigParserTest {

    final RepoConfigParser parser = new RepoConfigParser();

    @Test
    void readsEveryKey() throws Exception {
        RepoConfig config = parser.parse("""
                mode: comment
                ignore: ["docs/**", "*.snap"]
                limits:
                  maxFiles: 3
                  maxHunks: 7
                models: [claude-sonnet, local-llama]
                modelsLocalOnly: true
                validation: ["mvn -q verify"]
                """);

        assertThat(config).isEqualTo(new RepoConfig(Mode.COMMENT, List.of("docs/**", "*.snap"), new ConflictLimits(3, 7),
                List.of("claude-sonnet", "local-llama"), true, List.of("mvn -q verify")));
    }

    @Test
    void modelsLocalOnlyIsABooleanAndOffByDefault() throws Exception {
        assertThat(parser.parse("models: [a]\n").modelsLocalOnly()).isFalse();
        assertThatThrownBy(() -> parser.parse("modelsLocalOnly: yes please\n"))
                .hasMessageContaining("'modelsLocalOnly' must be true or false");
    }

    @Test
    void newCodeIsReviewByDefaultHumanOnRequestAndNothingElse() throws Exception {
        assertThat(parser.parse("").newCode()).isEqualTo(NewCodePolicy.REVIEW);
        assertThat(parser.parse("newCode: review\n").newCode()).isEqualTo(NewCodePolicy.REVIEW);
        assertThat(parser.parse("newCode: human\n").newCode()).isEqualTo(NewCodePolicy.HUMAN);
        assertThatThrownBy(() -> parser.parse("newCode: maybe\n")).isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("'new-code' must be one of review, human").hasMessageContaining("not 'maybe'");
        assertThatThrownBy(() -> parser.parse("newCode: true\n")).hasMessageContaining("not 'true'");
        assertThatThrownBy(() -> parser.parse("newCode: [human]\n")).hasMessageContaining("'newCode' must be");
        assertThatThrownBy(() -> parser.parse("newcode: human\n")).hasMessageContaining("unknown key 'newcode' (did you mean 'new-code'?)");
    }

    @Test
    void aliasesThatWouldExpandAnExponentialDocumentAreRefusedAtOnce() {
        // A few hundred bytes of anchors that expand to 10^9 strings: a hostile truce.yml must not take the job down.
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> assertThatThrownBy(() -> parser.parse(yaml.toString())).isInstanceOf(RepoConfigException.class));
    }

    @Test
    void bareOffMeansOffThoughYamlReadsItAsFalse() throws Exception {
        assertThat(parser.parse("mode: off\n").mode()).isEqualTo(Mode.OFF);
        assertThat(parser.parse("mode: \"off\"\n").mode()).isEqualTo(Mode.OFF);
        assertThatThrownBy(() -> parser.parse("mode: on\n")).hasMessageContaining("not 'on'");
    }

    @Test
    void emptyFileAndMissingKeysGiveDefaults() throws Exception {
        assertThat(parser.parse("")).isEqualTo(RepoConfig.DEFAULT);
        RepoConfig partial = parser.parse("limits: {maxHunks: 9}\n");
        assertThat(partial.mode()).isEqualTo(Mode.FIX_PR);
        assertThat(partial.limits()).isEqualTo(new ConflictLimits(ConflictLimits.DEFAULT.maxFiles(), 9));
    }

    @Test
    void rejectsUnknownKeysNamingTheKnownOnes() {
        assertThatThrownBy(() -> parser.parse("mode: fix-pr\nignored: [a]\n"))
                .isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("unknown key 'ignored'").hasMessageContaining("ignore, limits, mode");
        assertThatThrownBy(() -> parser.parse("limits: {maxFile: 3}\n"))
                .hasMessageContaining("limits: unknown key 'maxFile'");
    }

    @Test
    void rejectsBadValuesSayingWhatIsAllowed() {
        assertThatThrownBy(() -> parser.parse("mode: always\n"))
                .hasMessageContaining("'mode' must be one of off, comment, fix-pr, on-request, not 'always'");
        assertThatThrownBy(() -> parser.parse("limits: {maxFiles: -1}\n")).hasMessageContaining("above 0");
        assertThatThrownBy(() -> parser.parse("ignore: docs\n")).hasMessageContaining("'ignore' must be a list");
        assertThatThrownBy(() -> parser.parse("mode: [\n")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> parser.parse("mode: off\nmode: comment\n")).isInstanceOf(RepoConfigException.class);
        assertThatThrownBy(() -> parser.parse("- a\n")).hasMessageContaining("mapping");
    }

    @Test
    void refusesTypesBeyondPlainYaml() {
        assertThatThrownBy(() -> parser.parse("mode: !!javax.script.ScriptEngineManager [x]\n"))
                .isInstanceOf(RepoConfigException.class);
    }

    @Test
    void ignoreGlobsMatchPathsAndNames() {
        RepoConfig config = new RepoConfig(Mode.FIX_PR, List.of("docs/**", "*.snap", "src/*/gen.txt"),
                ConflictLimits.DEFAULT, List.of(), List.of());
        assertThat(config.ignores("docs/a/b.md")).isTrue();
        assertThat(config.ignores("x/y/z.snap")).isTrue();
        assertThat(config.ignores("src/a/gen.txt")).isTrue();
        assertThat(config.ignores("src/a/b/gen.txt")).isFalse();
        assertThat(config.ignores("src/Main.java")).isFalse();
        assertThat(config.ignores("mydocs/a.md")).isFalse();
    }

    @Test
    void strategiesAddOptInOnesAndLeaveDefaultOnesOutByName() throws Exception {
        RepoConfig config = parser.parse("strategies: {with: [list-insertion], without: [one-side-changed]}\n");

        assertThat(config.strategies()).isEqualTo(new StrategyChoice(List.of("list-insertion"),
                List.of("one-side-changed")));
        assertThat(RepoConfig.DEFAULT.strategies()).isEqualTo(StrategyChoice.NONE);
        assertThatThrownBy(() -> parser.parse("strategies: {with: [list-insert]}\n"))
                .isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("unknown strategy list-insert").hasMessageContaining("list-insertion");
        assertThatThrownBy(() -> parser.parse("strategies: {add: [list-insertion]}\n"))
                .hasMessageContaining("strategies: unknown key 'add'");
    }

    @Test
    void keysAreKebabCaseAndTheOldCamelCaseSpellingStillWorksWithAWarningNamingTheNewKey() throws Exception {
        List<String> warnings = new java.util.ArrayList<>();
        RepoConfigParser noting = new RepoConfigParser(warnings::add);
        RepoConfig kebab = noting.parse("""
                limits: {max-files: 3, max-hunks: 7}
                models-local-only: true
                new-code: human
                """);
        assertThat(warnings).isEmpty();

        RepoConfig camel = noting.parse("""
                limits: {maxFiles: 3, maxHunks: 7}
                modelsLocalOnly: true
                newCode: human
                """);

        assertThat(camel).isEqualTo(kebab);
        assertThat(kebab.limits()).isEqualTo(new ConflictLimits(3, 7));
        assertThat(kebab.modelsLocalOnly()).isTrue();
        assertThat(kebab.newCode()).isEqualTo(NewCodePolicy.HUMAN);
        assertThat(warnings).containsExactlyInAnyOrder(
                ".github/truce.yml: 'limits.maxFiles' is deprecated; write 'limits.max-files' (the old spelling still"
                        + " works for now)",
                ".github/truce.yml: 'limits.maxHunks' is deprecated; write 'limits.max-hunks' (the old spelling still"
                        + " works for now)",
                ".github/truce.yml: 'modelsLocalOnly' is deprecated; write 'models-local-only' (the old spelling still"
                        + " works for now)",
                ".github/truce.yml: 'newCode' is deprecated; write 'new-code' (the old spelling still works for now)");
        assertThatThrownBy(() -> parser.parse("limits: {maxFiles: 3, max-files: 4}\n"))
                .isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("give limits.max-files or its old spelling limits.maxFiles, not both");
    }

    @Test
    void aKeyGivenTwiceIsNamedWithItsLine() {
        assertThatThrownBy(() -> parser.parse("mode: off\nmode: comment\n")).isInstanceOf(RepoConfigException.class)
                .hasMessage(".github/truce.yml: key 'mode' is given twice (line 2); keep one of them");
        assertThatThrownBy(() -> parser.parse("limits:\n  max-files: 3\n  max-files: 4\n"))
                .hasMessageContaining("key 'max-files' is given twice (line 3)");
    }

    @Test
    void valuesOfTheWrongKindAreNotCoercedAndTheMessageSaysWhatToWrite() {
        assertThatThrownBy(() -> parser.parse("limits: {max-files: '3'}\n"))
                .hasMessageContaining("'limits.max-files' must be a whole number, not '3'");
        assertThatThrownBy(() -> parser.parse("ignore: [1]\n")).hasMessageContaining("'ignore[0]' must be text");
        assertThatThrownBy(() -> parser.parse("mode: false\n")).hasMessageContaining("'mode' must be text");
        assertThatThrownBy(() -> parser.parse("models-local-only: yes\n"))
                .hasMessageContaining("'models-local-only' must be true or false, not 'yes'");
    }
}
