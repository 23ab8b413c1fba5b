package dev.truce.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.pullrequest.AppModels;
import dev.truce.repoconfig.RepoConfig;

/** {@code truce.models.file} and {@code truce.models.default} as the service reads them at start-up. */
class AppModelsConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void noModelsFileMeansNoModelStage() {
        AppModels models = GitHubAppConfiguration.appModels(new TruceProperties.Models(null, null));

        assertThat(models).isSameAs(AppModels.NONE);
        assertThatThrownBy(() -> GitHubAppConfiguration.appModels(new TruceProperties.Models(null, "coder")))
                .hasMessageContaining("truce.models.file");
    }

    @Test
    void aDefaultTheFileDoesNotConfigureStopsStartUpNamingTheConfiguredOnes() throws Exception {
        Path file = Files.writeString(dir.resolve("models.yml"),
                "models:\n  on-prem:\n    provider: ollama\n    model: qwen2.5-coder:7b\n");

        assertThatThrownBy(() -> GitHubAppConfiguration.appModels(new TruceProperties.Models(file, "coder")))
                .hasMessageContaining("truce.models.default is 'coder'").hasMessageContaining("on-prem");
        AppModels models = GitHubAppConfiguration.appModels(new TruceProperties.Models(file, "on-prem"));
        RepoConfig allows = new RepoConfig(RepoConfig.DEFAULT.mode(), java.util.List.of(), RepoConfig.DEFAULT.limits(),
                java.util.List.of("coder", "on-prem"), true, java.util.List.of());
        assertThat(models.choose(allows).model()).as("ollama counts as local").isEqualTo("on-prem");
        assertThat(models.choose(RepoConfig.DEFAULT).chosen()).isFalse();
    }
}
