package dev.truce.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

import dev.truce.jobs.JobSettings;
import dev.truce.webhook.WebhookSettings;

/**
 * Everything {@code truce serve} can be configured with, under the {@code truce.} prefix. This record tree is the
 * reference; docs/github-app.md repeats it for operators. Secrets (the webhook secret, the private key) come from the
 * environment or files and never appear in {@link #toString()}.
 *
 * @param dataDir  where the embedded database and the repository cache live by default
 * @param github   how to reach GitHub and authenticate as the App
 * @param storage  the on-disk repository cache
 * @param jobs     the durable job queue's workers
 * @param webhook  the webhook endpoint
 * @param limits   bounds on the work one event may cause
 * @param validation whether and how repositories' builds check a resolution, and the repair rounds
 * @param models   the models the App may ask about hunks no strategy resolves
 * @param setup    the setup page that registers the App when no credentials are configured
 * @param calibration learning each repository's conventions from its own earlier merges
 */
@ConfigurationProperties("truce")
public record TruceProperties(
        @DefaultValue("./truce-data") Path dataDir,
        @DefaultValue GitHub github,
        @DefaultValue Storage storage,
        @DefaultValue JobSettings jobs,
        @DefaultValue WebhookSettings webhook,
        @DefaultValue Limits limits,
        @DefaultValue Validation validation,
        @DefaultValue Models models,
        @DefaultValue Setup setup,
        @DefaultValue Calibration calibration) {

    /**
     * GitHub and the App's identity.
     *
     * @param apiUrl            REST API base URL; for GitHub Enterprise Server {@code https://HOST/api/v3}
     * @param appId             the App's numeric id
     * @param appSlug           the App's slug, as in {@code @slug resolve} comments and {@code slug[bot]}
     * @param privateKeyFile    the App's private key (PEM, PKCS#1 or PKCS#8)
     * @param webhookSecret     the webhook secret; prefer the {@code TRUCE_GITHUB_WEBHOOKSECRET} environment variable
     *                          or {@code webhookSecretFile} to a properties file
     * @param webhookSecretFile a file holding the webhook secret (e.g. a mounted secret), used when
     *                          {@code webhookSecret} is not set
     * @param gitUrl            where git fetches and pushes repositories ({@code <gitUrl>/owner/name.git}); by
     *                          default derived from {@code apiUrl} (github.com, or the Enterprise Server host)
     * @param botUserId         the App's bot user id, for the noreply address of its commits (0: address without it)
     * @param maxRateLimitWait  the longest a call waits out a rate limit; a longer limit fails the job, which
     *                          is retried later
     * @param gitTimeout        how long a fetch or push waits for the git server on one read or write
     */
    public record GitHub(
            @DefaultValue("https://api.github.com") String apiUrl,
            @DefaultValue("0") long appId,
            @DefaultValue("truce") String appSlug,
            Path privateKeyFile,
            String webhookSecret,
            Path webhookSecretFile,
            String gitUrl,
            @DefaultValue("0") long botUserId,
            @DefaultValue("60s") Duration maxRateLimitWait,
            @DefaultValue("2m") Duration gitTimeout) {

        @Override
        public String toString() {
            // The secret stays out of logs and error messages, even when the whole tree is printed.
            return "GitHub[apiUrl=" + apiUrl + ", appId=" + appId + ", appSlug=" + appSlug + ", privateKeyFile="
                    + privateKeyFile + ", webhookSecret=" + (webhookSecret == null ? "unset" : "***")
                    + ", webhookSecretFile=" + webhookSecretFile + ", gitUrl=" + gitUrl + ", botUserId=" + botUserId
                    + ", maxRateLimitWait=" + maxRateLimitWait + ", gitTimeout=" + gitTimeout + "]";
        }
    }

    /**
     * The per-repository git cache.
     *
     * @param cacheDir      where fetched repositories are kept (default {@code <dataDir>/repos})
     * @param cacheMaxBytes the cache's size bound; least recently used repositories are evicted beyond it
     * @param lockWait      how long a job waits for a repository another job of this replica is working in; then
     *                      it gives way and is retried later, so one stuck job does not hold up the rest
     */
    public record Storage(Path cacheDir, @DefaultValue("10GB") DataSize cacheMaxBytes,
            @DefaultValue("2m") Duration lockWait) {
    }

    /**
     * Bounds on the work one event may cause.
     *
     * @param maxPullRequestsPerPush a push to a branch re-checks at most this many open pull requests into it
     * @param jobTimeout             the time one pull request's job may take, from reading its settings to publishing;
     *                               what is not decided by then needs a human ("took too long")
     * @param fileTimeout            the time the strategies and the model may spend on one conflicted file, within the
     *                               job's time
     * @param maxLineLength          strategies that parse lines leave hunks with a line longer than this (characters)
     *                               to the model or a human
     */
    public record Limits(
            @DefaultValue("20") int maxPullRequestsPerPush,
            @DefaultValue("15m") Duration jobTimeout,
            @DefaultValue("2m") Duration fileTimeout,
            @DefaultValue("4000") int maxLineLength) {

        /** Rejects bounds the pipeline cannot work with, naming the property. */
        @ConstructorBinding
        public Limits {
            if (maxPullRequestsPerPush < 1) {
                throw new IllegalArgumentException(
                        "truce.limits.max-pull-requests-per-push must be at least 1, was " + maxPullRequestsPerPush);
            }
            if (jobTimeout.isNegative() || jobTimeout.isZero()) {
                throw new IllegalArgumentException("truce.limits.job-timeout must be positive, was " + jobTimeout);
            }
            if (fileTimeout.isNegative() || fileTimeout.isZero()) {
                throw new IllegalArgumentException("truce.limits.file-timeout must be positive, was " + fileTimeout);
            }
            if (maxLineLength < 1) {
                throw new IllegalArgumentException("truce.limits.max-line-length must be at least 1, was "
                        + maxLineLength);
            }
        }
    }

    /**
     * Validation of a resolution by the repository's own build ({@code validation:} in its {@code .github/truce.yml}).
     * A build is untrusted code from the repository: by default it runs only in the bubblewrap sandbox (no network,
     * only its checkout writable, nothing of Truce's readable), and not at all where the sandbox cannot run.
     *
     * @param builds        {@code sandboxed} (default): in the sandbox only; {@code unsandboxed}: without one, with
     *                      Truce's user's rights and network (each fix pull request says so); {@code off}: never
     * @param buildTimeout  a build command is killed, with everything it started, after this long
     * @param buildMemory   private writable memory per build process
     * @param repairRounds  how often the model may answer again after a failed check or build (0: never)
     * @param ciRepairRounds how often a fix whose repository checks (CI) failed is repaired and pushed again (0: never)
     * @param sandboxRead   host folders a sandboxed build may read (a shared, read-only Maven or Gradle cache for
     *                      offline builds); never Truce's data folder, which stays hidden
     * @param environment   names of Truce's environment variables passed to builds ({@code MAVEN_OPTS}); names that
     *                      look like secrets or Truce settings are refused at start-up
     */
    public record Validation(
            @DefaultValue("sandboxed") String builds,
            @DefaultValue("10m") Duration buildTimeout,
            @DefaultValue("4GB") DataSize buildMemory,
            @DefaultValue("2") int repairRounds,
            @DefaultValue("2") int ciRepairRounds,
            @DefaultValue List<Path> sandboxRead,
            @DefaultValue List<String> environment) {

        /** Rejects settings no build can run with, naming the property. */
        @ConstructorBinding
        public Validation {
            if (!List.of("sandboxed", "unsandboxed", "off").contains(builds)) {
                throw new IllegalArgumentException("truce.validation.builds must be sandboxed, unsandboxed or off, was "
                        + builds);
            }
            if (buildTimeout.isNegative() || buildTimeout.isZero()) {
                throw new IllegalArgumentException("truce.validation.build-timeout must be positive, was "
                        + buildTimeout);
            }
            if (buildMemory.toMegabytes() < 64) {
                throw new IllegalArgumentException("truce.validation.build-memory must be at least 64MB, was "
                        + buildMemory);
            }
            if (repairRounds < 0 || repairRounds > 10) {
                throw new IllegalArgumentException("truce.validation.repair-rounds must be between 0 and 10, was "
                        + repairRounds);
            }
            if (ciRepairRounds < 0 || ciRepairRounds > 10) {
                throw new IllegalArgumentException("truce.validation.ci-repair-rounds must be between 0 and 10, was "
                        + ciRepairRounds);
            }
            sandboxRead = List.copyOf(sandboxRead);
            environment = List.copyOf(environment);
        }
    }

    /**
     * The model stage. Which model sees a repository's code is the repository's choice ({@code models} and
     * {@code modelsLocalOnly} in its {@code .github/truce.yml}); these settings say which models exist.
     *
     * @param file         the models file (format in docs/models.md: providers, API keys, prices, and the budget per
     *                     pull request and per day); unset: no model stage, hunks no strategy resolves go to a human
     * @param defaultModel ({@code truce.models.default}) the model used where a repository allows it; otherwise the
     *                     first model the repository lists that is configured
     */
    public record Models(Path file, @Name("default") String defaultModel) {
    }

    /**
     * Learning each repository's conventions from its own earlier merges: a job calibrates the strategies when the
     * App is installed on a repository and then every {@code interval} (stored in the database), and pull requests
     * use that calibration unless their {@code .github/truce.yml} chooses strategies; the model is shown how the
     * maintainers resolved similar conflicts before (precedents).
     *
     * @param enabled            whether repositories are calibrated and what was learned is used
     * @param interval           how often each repository is calibrated again
     * @param maxMerges          the most earlier two-parent merges one calibration (or precedent scan) replays
     * @param fetchDepth         how many commits of the default branch the calibration fetches
     * @param timeLimit          the longest reading the history may take; the merges read by then are used
     * @param cachedRepositories how many repositories' precedents a replica keeps in memory
     */
    public record Calibration(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("7d") Duration interval,
            @DefaultValue("200") int maxMerges,
            @DefaultValue("2000") int fetchDepth,
            @DefaultValue("5m") Duration timeLimit,
            @DefaultValue("16") int cachedRepositories) {

        /** Rejects settings no calibration can run with, naming the property. */
        public Calibration {
            if (interval.toMinutes() < 1) {
                throw new IllegalArgumentException("truce.calibration.interval must be at least a minute, was "
                        + interval);
            }
            if (maxMerges < 1 || maxMerges > 10_000) {
                throw new IllegalArgumentException("truce.calibration.max-merges must be between 1 and 10000, was "
                        + maxMerges);
            }
            if (fetchDepth < 1) {
                throw new IllegalArgumentException("truce.calibration.fetch-depth must be at least 1, was "
                        + fetchDepth);
            }
            if (timeLimit.isNegative() || timeLimit.isZero()) {
                throw new IllegalArgumentException("truce.calibration.time-limit must be positive, was " + timeLimit);
            }
            if (cachedRepositories < 1) {
                throw new IllegalArgumentException("truce.calibration.cached-repositories must be at least 1, was "
                        + cachedRepositories);
            }
        }
    }

    /**
     * The setup page ({@code /setup}), served instead of the App while none of its credentials is configured: it
     * registers a GitHub App from a manifest and stores what GitHub returns.
     *
     * @param publicUrl  the URL GitHub and browsers reach Truce at ({@code https://truce.example.com}); default: the
     *                   address the setup page was opened at
     * @param githubUrl  the GitHub web address the App is created on; default {@code https://github.com}, or for an
     *                   Enterprise Server the host of {@code truce.github.api-url}
     * @param store      {@code data-dir} (default): the App's id, slug, key and webhook secret are written to
     *                   {@code <data-dir>/github-app} (owner-only) and read from there at every start;
     *                   {@code show}: nothing is written, the page shows them once for a secret store
     * @param token      the token the setup page's address must carry; default: a random one, logged at start-up
     */
    public record Setup(String publicUrl, String githubUrl, @DefaultValue("data-dir") String store, String token) {

        /** Rejects a store the setup page cannot use. */
        public Setup {
            if (!store.equals("data-dir") && !store.equals("show")) {
                throw new IllegalArgumentException("truce.setup.store must be data-dir or show, was " + store);
            }
        }

        @Override
        public String toString() {
            return "Setup[publicUrl=" + publicUrl + ", githubUrl=" + githubUrl + ", store=" + store + ", token="
                    + (token == null ? "random" : "***") + "]";
        }
    }
}
