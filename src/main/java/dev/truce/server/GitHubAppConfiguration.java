package dev.truce.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.truce.fetch.RepositoryCache;
import dev.truce.github.AppCredentials;
import dev.truce.github.AppKeyException;
import dev.truce.github.GitHubGateway;
import dev.truce.github.GitHubSettings;
import dev.truce.github.Hub4jGitHub;
import dev.truce.publish.AppIdentity;
import dev.truce.publish.FileCommentLedger;
import dev.truce.provider.ModelCatalog;
import dev.truce.pullrequest.AppModels;
import dev.truce.pullrequest.PipelineSettings;
import dev.truce.pullrequest.PullRequestPipeline;
import dev.truce.pullrequest.PullRequestWork;
import okhttp3.OkHttpClient;

/**
 * The real GitHub App: the hub4j gateway with the App's key, and the pull request pipeline on a repository cache
 * under the data directory. Active once {@code truce.github.private-key-file} is set; without it the service
 * cannot act for any installation, and start-up says so (see {@link MissingAppKeyFailureAnalyzer}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "truce.github", name = "private-key-file")
class GitHubAppConfiguration {

    @Bean
    GitHubGateway gitHubGateway(TruceProperties properties) throws AppKeyException {
        TruceProperties.GitHub github = properties.github();
        if (github.appId() <= 0) {
            throw new IllegalStateException("truce.github.app-id (TRUCE_GITHUB_APPID) must be set to the App's id");
        }
        GitHubSettings settings = GitHubSettings.of(URI.create(github.apiUrl()))
                .withMaxRateLimitWait(github.maxRateLimitWait());
        if (github.gitUrl() != null && !github.gitUrl().isBlank()) {
            settings = settings.withGitBaseUrl(URI.create(github.gitUrl()));
        }
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60)).build();
        return new Hub4jGitHub(settings, AppCredentials.fromPemFile(github.appId(), github.privateKeyFile()), http,
                Clock.systemUTC());
    }

    @Bean
    PullRequestWork pullRequestWork(GitHubGateway gitHub, TruceProperties properties) {
        Path cacheDir = properties.storage().cacheDir() != null ? properties.storage().cacheDir()
                : properties.dataDir().resolve("repos");
        RepositoryCache cache = new RepositoryCache(cacheDir, properties.storage().cacheMaxBytes().toBytes(),
                Clock.systemUTC());
        FileCommentLedger ledger;
        try {
            ledger = new FileCommentLedger(properties.dataDir().resolve("comments.txt"), 10_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the comment ledger in " + properties.dataDir(), e);
        }
        AppIdentity app = new AppIdentity(properties.github().appSlug(), properties.github().botUserId());
        return new PullRequestPipeline(gitHub, cache, ledger, PipelineSettings.defaults(app), Clock.systemUTC(),
                appModels(properties.models()));
    }

    /** The configured models; a models file that cannot be read stops start-up with what to fix. */
    static AppModels appModels(TruceProperties.Models models) {
        if (models.file() == null) {
            if (models.defaultModel() != null && !models.defaultModel().isBlank()) {
                throw new IllegalStateException("truce.models.default is set but truce.models.file is not: set"
                        + " truce.models.file to the models file (docs/models.md)");
            }
            return AppModels.NONE;
        }
        ModelCatalog catalog;
        try {
            catalog = ModelCatalog.load(models.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read truce.models.file " + models.file() + ": " + e.getMessage(),
                    e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("truce.models.file: " + e.getMessage(), e);
        }
        return new AppModels(catalog, models.defaultModel());
    }
}
