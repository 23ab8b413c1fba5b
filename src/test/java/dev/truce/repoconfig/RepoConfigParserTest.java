package dev.truce.repoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        assertThat(config).isEqualTo(new RepoConfig(Mode.COMMENT, List.of("docs/**", "*.snap"), new Limits(3, 7),
                List.of("claude-sonnet", "local-llama"), true, List.of("mvn -q verify")));
    }

    @Test
    void modelsLocalOnlyIsABooleanAndOffByDefault() throws Exception {
        assertThat(parser.parse("models: [a]\n").modelsLocalOnly()).isFalse();
        assertThatThrownBy(() -> parser.parse("modelsLocalOnly: yes please\n"))
                .hasMessageContaining("modelsLocalOnly must be true or false");
    }

    @Test
    void newCodeIsReviewByDefaultHumanOnRequestAndNothingElse() throws Exception {
        assertThat(parser.parse("").newCode()).isEqualTo(NewCodePolicy.REVIEW);
        assertThat(parser.parse("newCode: review\n").newCode()).isEqualTo(NewCodePolicy.REVIEW);
        assertThat(parser.parse("newCode: human\n").newCode()).isEqualTo(NewCodePolicy.HUMAN);
        assertThatThrownBy(() -> parser.parse("newCode: maybe\n")).isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("'newCode' must be one of review, human").hasMessageContaining("not 'maybe'");
        assertThatThrownBy(() -> parser.parse("newCode: true\n")).hasMessageContaining("not 'true'");
        assertThatThrownBy(() -> parser.parse("newCode: [human]\n")).hasMessageContaining("'newCode' must be");
        assertThatThrownBy(() -> parser.parse("newcode: human\n")).hasMessageContaining("unknown key 'newcode'")
                .hasMessageContaining("newCode");
    }

    @Test
    void bareOffMeansOffThoughYamlReadsItAsFalse() throws Exception {
        assertThat(parser.parse("mode: off\n").mode()).isEqualTo(Mode.OFF);
        assertThat(parser.parse("mode: \"off\"\n").mode()).isEqualTo(Mode.OFF);
        assertThatThrownBy(() -> parser.parse("mode: on\n")).hasMessageContaining("not 'true'");
    }

    @Test
    void emptyFileAndMissingKeysGiveDefaults() throws Exception {
        assertThat(parser.parse("")).isEqualTo(RepoConfig.DEFAULT);
        RepoConfig partial = parser.parse("limits: {maxHunks: 9}\n");
        assertThat(partial.mode()).isEqualTo(Mode.FIX_PR);
        assertThat(partial.limits()).isEqualTo(new Limits(Limits.DEFAULT.maxFiles(), 9));
    }

    @Test
    void rejectsUnknownKeysNamingTheKnownOnes() {
        assertThatThrownBy(() -> parser.parse("mode: fix-pr\nignored: [a]\n"))
                .isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("unknown key 'ignored'").hasMessageContaining("ignore, limits, mode");
        assertThatThrownBy(() -> parser.parse("limits: {maxFile: 3}\n"))
                .hasMessageContaining("unknown key 'limits.maxFile'");
    }

    @Test
    void rejectsBadValuesSayingWhatIsAllowed() {
        assertThatThrownBy(() -> parser.parse("mode: always\n"))
                .hasMessageContaining("'mode' must be one of off, comment, fix-pr, on-request, not 'always'");
        assertThatThrownBy(() -> parser.parse("limits: {maxFiles: -1}\n")).hasMessageContaining("above 0");
        assertThatThrownBy(() -> parser.parse("ignore: docs\n")).hasMessageContaining("list of strings");
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
                Limits.DEFAULT, List.of(), List.of());
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
                .hasMessageContaining("unknown key 'strategies.add'");
    }
}
