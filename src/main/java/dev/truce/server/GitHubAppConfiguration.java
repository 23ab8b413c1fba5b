package dev.truce.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.truce.fetch.RepositoryCache;
import dev.truce.github.AppCredentials;
import dev.truce.github.AppKeyException;
import dev.truce.github.GitHubCallMetrics;
import dev.truce.github.GitHubGateway;
import dev.truce.github.GitHubSettings;
import dev.truce.github.Hub4jGitHub;
import dev.truce.history.JdbcCalibrationStore;
import dev.truce.observe.ResolutionMetrics;
import dev.truce.provider.BudgetLedger;
import dev.truce.provider.InMemoryBudgetLedger;
import dev.truce.provider.JdbcBudgetLedger;
import dev.truce.provider.ModelCatalog;
import dev.truce.publish.AppIdentity;
import dev.truce.publish.JdbcCommentLedger;
import dev.truce.pullrequest.AppBuilds;
import dev.truce.pullrequest.AppModels;
import dev.truce.pullrequest.PipelineSettings;
import dev.truce.pullrequest.PullRequestPipeline;
import dev.truce.pullrequest.PullRequestWork;
import dev.truce.pullrequest.RepositoryLearning;
import dev.truce.validate.BuildEnvironment;
import dev.truce.validate.BuildLimits;
import dev.truce.validate.SandboxSettings;

/**
 * The real GitHub App: the hub4j gateway with the App's key, and the pull request pipeline on a repository cache
 * under the data directory, with the comment ledger and model spend in the database the replicas share. Active once {@code truce.github.private-key-file} is set; without it the service
 * cannot act for any installation, and start-up says so (see {@link MissingAppKeyFailureAnalyzer}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "truce.github", name = "private-key-file")
class GitHubAppConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GitHubAppConfiguration.class);

    @Bean
    GitHubGateway gitHubGateway(TruceProperties properties, MeterRegistry registry) throws AppKeyException,
            SettingException {
        TruceProperties.GitHub github = properties.github();
        if (github.appId() <= 0) {
            throw new SettingException(github.appId() == 0
                    ? "The GitHub App id is not set (the private key is), so Truce cannot authenticate as the App."
                    : "truce.github.app-id is " + github.appId() + ": a GitHub App id is a positive number.",
                    "Set truce.github.app-id (TRUCE_GITHUB_APPID) to the App ID on the App's settings page;"
                            + " see docs/github-app.md.");
        }
        GitHubSettings settings = GitHubSettings.of(URI.create(github.apiUrl()))
                .withMaxRateLimitWait(github.maxRateLimitWait());
        if (github.gitUrl() != null && !github.gitUrl().isBlank()) {
            settings = settings.withGitBaseUrl(URI.create(github.gitUrl()));
        }
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60)).addInterceptor(new GitHubCallMetrics(registry)).build();
        return new Hub4jGitHub(settings, AppCredentials.fromPemFile(github.appId(), github.privateKeyFile()), http,
                Clock.systemUTC());
    }

    @Bean
    PullRequestWork pullRequestWork(GitHubGateway gitHub, TruceProperties properties, AppIdentity app,
            JdbcCommentLedger commentLedger, JdbcBudgetLedger budgetLedger, MeterRegistry registry,
            ResolutionMetrics resolutionMetrics, DataSource dataSource) {
        Path cacheDir = properties.storage().cacheDir() != null ? properties.storage().cacheDir()
                : properties.dataDir().resolve("repos");
        RepositoryCache cache = new RepositoryCache(cacheDir, properties.storage().cacheMaxBytes().toBytes(),
                properties.storage().lockWait(), Clock.systemUTC());
        TruceProperties.Limits limits = properties.limits();
        PipelineSettings settings = PipelineSettings.defaults(app).withLimits(properties.github().gitTimeout(),
                limits.jobTimeout(), limits.fileTimeout(), limits.maxLineLength());
        return new PullRequestPipeline(gitHub, cache, commentLedger, settings, Clock.systemUTC(),
                appModels(properties.models(), budgetLedger, registry), resolutionMetrics,
                builds(properties.validation(), properties.dataDir(), cacheDir), learning(properties.calibration(),
                        dataSource));
    }

    /** What pull requests learn from their repository's history, calibrations in the shared database. */
    static RepositoryLearning learning(TruceProperties.Calibration calibration, DataSource dataSource) {
        return new RepositoryLearning(new JdbcCalibrationStore(dataSource), new RepositoryLearning.Settings(
                calibration.enabled(), calibration.maxMerges(), calibration.fetchDepth(), calibration.timeLimit(),
                calibration.cachedRepositories(), calibration.interval()), Clock.systemUTC());
    }

    /**
     * Where repository builds may run: the sandbox hides Truce's data folder and repository cache even where an
     * operator's readable folder contains them.
     */
    static AppBuilds builds(TruceProperties.Validation validation, Path dataDir, Path cacheDir) {
        AppBuilds.Policy policy = AppBuilds.Policy.valueOf(validation.builds().toUpperCase(java.util.Locale.ROOT));
        BuildLimits limits = new BuildLimits(validation.buildTimeout(), BuildLimits.DEFAULTS.cpuSeconds(),
                validation.buildMemory().toBytes(), BuildLimits.DEFAULTS.processes(), BuildLimits.DEFAULTS.fileBytes(),
                BuildLimits.DEFAULTS.outputBytes(), BuildLimits.DEFAULTS.tmpBytes());
        BuildEnvironment environment;
        try {
            environment = BuildEnvironment.of(System.getenv(), validation.environment(), Map.of("CI", "true"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("truce.validation.environment: " + e.getMessage(), e);
        }
        SandboxSettings sandbox = SandboxSettings.defaults().withLimits(limits).withEnvironment(environment)
                .withPaths(validation.sandboxRead().stream().map(p -> p.toAbsolutePath().normalize()).toList(),
                        List.of(dataDir.toAbsolutePath().normalize(), cacheDir.toAbsolutePath().normalize()));
        if (policy == AppBuilds.Policy.UNSANDBOXED) {
            log.warn("truce.validation.builds=unsandboxed: repositories' builds run WITHOUT a sandbox, with this"
                    + " server's user's rights and network; every fix pull request says so");
        }
        return new AppBuilds(policy, sandbox, validation.repairRounds(), validation.ciRepairRounds());
    }

    /** Which one-off comments were posted, in the database so every replica sees it. */
    @Bean
    JdbcCommentLedger commentLedger(DataSource dataSource) {
        return new JdbcCommentLedger(dataSource, Clock.systemUTC());
    }

    /** What the models cost, in the database so the budgets hold across replicas. */
    @Bean
    JdbcBudgetLedger budgetLedger(DataSource dataSource) {
        return new JdbcBudgetLedger(dataSource);
    }

    @Bean
    SharedStateRetention sharedStateRetention(JdbcCommentLedger commentLedger, JdbcBudgetLedger budgetLedger) {
        return new SharedStateRetention(commentLedger, budgetLedger, Clock.systemUTC());
    }

    /** The configured models with spend kept in memory (one process). */
    static AppModels appModels(TruceProperties.Models models) {
        return appModels(models, new InMemoryBudgetLedger());
    }

    /**
     * The configured models, their budgets' spend kept in {@code budgetLedger}; a models file that cannot be read
     * stops start-up with what to fix.
     */
    static AppModels appModels(TruceProperties.Models models, BudgetLedger budgetLedger) {
        return appModels(models, budgetLedger, null);
    }

    /** The configured models, their calls reported to {@code registry} when there is one. */
    static AppModels appModels(TruceProperties.Models models, BudgetLedger budgetLedger, MeterRegistry registry) {
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
        if (!catalog.grants().restricted() && !catalog.models().isEmpty()) {
            log.warn("{} has no installations section: every installation of the App may use every model it"
                    + " configures, within one shared budget (docs/models.md, \"Which installations may use which"
                    + " models\")", models.file());
        }
        ModelCatalog configured = catalog.withBudgetLedger(budgetLedger);
        return new AppModels(registry == null ? configured : configured.withMeterRegistry(registry),
                models.defaultModel());
    }
}
