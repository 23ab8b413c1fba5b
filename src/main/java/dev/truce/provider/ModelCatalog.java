package dev.truce.provider;

import dev.truce.llm.ModelClient;
import dev.truce.llm.ModelException;
import dev.truce.llm.ReplayModelClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The one place that builds model clients, for the command line and the App alike: from the
 * {@link ConfiguredModels} of a models file, each client is an adapter wrapped in {@link ResilientModelClient},
 * wrapped in {@link MeteredModelClient}. Each model's resilient client is built once (its bulkhead and rate limiter
 * hold across pull requests), and models served from the same provider endpoint share one circuit breaker.
 * Thread-safe.
 */
public final class ModelCatalog {

    private final ConfiguredModels configured;
    private final CostMeter meter = new CostMeter();
    private final Function<String, String> environment;
    private final OkHttpClient http = new OkHttpClient();
    private final Clock clock;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, ModelClient> resilient = new ConcurrentHashMap<>();
    private final ModelMetrics metrics;

    /**
     * @param configured  the configured models, budget and grants
     * @param environment looks up environment variables (API keys)
     * @param clock       for {@code Retry-After} dates
     */
    ModelCatalog(ConfiguredModels configured, Function<String, String> environment, Clock clock) {
        this(configured, environment, clock, ModelMetrics.NONE);
    }

    private ModelCatalog(ConfiguredModels configured, Function<String, String> environment, Clock clock,
            ModelMetrics metrics) {
        this.configured = configured;
        this.environment = environment;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Reads a models file, taking API keys from the process environment. */
    public static ModelCatalog load(Path file) throws IOException {
        return new ModelCatalog(ConfiguredModels.load(file, Clock.systemUTC()), System::getenv, Clock.systemUTC());
    }

    /**
     * Reads a models file.
     *
     * @param source names the file in error messages
     * @throws IllegalArgumentException when the file is not valid, saying where and what to write instead
     */
    public static ModelCatalog parse(Reader yaml, String source, Function<String, String> environment,
            Clock clock) {
        return new ModelCatalog(ConfiguredModels.parse(yaml, source, clock), environment, clock);
    }

    /**
     * {@code --model NAME} on the command line: {@code replay:DIR} answers from recordings; any other name comes
     * from {@code modelsFile} (docs/models.md), read only then, resilient and metered against the daily budget.
     *
     * @param modelsFile the models file, or {@code null} when none is configured
     * @throws ModelException when no such model is configured or the file cannot be read, saying what to give
     */
    public static ModelClient commandLineClient(String name, Path modelsFile) throws ModelException {
        if (name.startsWith(REPLAY)) {
            Path dir = Path.of(name.substring(REPLAY.length()));
            if (!Files.isDirectory(dir)) {
                throw new ModelException("replay directory " + dir + " does not exist");
            }
            return new ReplayModelClient(dir);
        }
        if (modelsFile == null || !Files.isRegularFile(modelsFile)) {
            throw new ModelException("no model named " + name + " is configured: give a models file with"
                    + " --models FILE or TRUCE_MODELS (docs/models.md), or use replay:DIR");
        }
        try {
            return load(modelsFile).client(name);
        } catch (IOException e) {
            throw new ModelException("cannot read the models file " + modelsFile + ": " + e.getMessage());
        } catch (ModelException | IllegalArgumentException e) {
            throw new ModelException(modelsFile + ": " + e.getMessage());
        }
    }

    private static final String REPLAY = "replay:";

    /** The models, budget and grants this catalog builds clients of. */
    ConfiguredModels configured() {
        return configured;
    }

    /** The configured models by name. */
    public Map<String, ModelSettings> models() {
        return configured.models();
    }

    /** The budget all calls are charged to. */
    SpendBudget budget() {
        return configured.budget();
    }

    /** Which installations may use which models (the models file's {@code installations}). */
    public InstallationGrants grants() {
        return configured.grants();
    }

    /**
     * The same models and budget limits, with spend kept in {@code ledger} instead (the service passes its
     * database's, so the limits hold across replicas). A new catalog: its meter and clients start fresh.
     */
    public ModelCatalog withBudgetLedger(BudgetLedger ledger) {
        return new ModelCatalog(configured.withBudgetLedger(ledger), environment, clock, metrics);
    }

    /**
     * The same models, budget and ledger, with every call's outcome, latency, tokens and cost, and each provider's
     * circuit breaker, reported to {@code registry} (meter names in docs/operations.md). A new catalog: its meter and
     * clients start fresh.
     */
    public ModelCatalog withMeterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
        return new ModelCatalog(configured, environment, clock, new ModelMetrics(registry));
    }

    /** The accounting of all calls made through this catalog's clients. */
    CostMeter meter() {
        return meter;
    }

    /** The named model, resilient and metered against the daily budget only. */
    public ModelClient client(String name) throws ModelException {
        return client(name, null);
    }

    /**
     * The named model, resilient and metered against the daily budget and the budget of one pull request.
     *
     * @param pullRequest the pull request's key ({@code owner/repo#12}), or {@code null}
     * @throws ModelException when no such model is configured or its API key cannot be read
     */
    public ModelClient client(String name, String pullRequest) throws ModelException {
        return new MeteredModelClient(resilient(settings(name)), settings(name).prices(), budget(), pullRequest,
                meter, metrics);
    }

    /**
     * The named model for one installation's pull request: charged to the shared budget and to the installation's
     * own (its grant's limits).
     *
     * @param account     the installation's account login
     * @param pullRequest the pull request's key ({@code owner/repo#12})
     * @throws ModelException when no such model is configured, the installation may not use it, or its API key cannot
     *                        be read
     */
    public ModelClient client(String name, String account, String pullRequest) throws ModelException {
        ModelSettings settings = settings(name);
        InstallationGrants.Grant grant = grants().of(account).filter(g -> g.allows(name)).orElseThrow(
                () -> new ModelException("installation " + account + " may not use model " + name
                        + " (installations in the models file)"));
        SpendBudget own = budget().forAccount(account, grant.perDay(), grant.perPullRequest());
        return new MeteredModelClient(resilient(settings), settings.prices(), own, pullRequest, meter, metrics);
    }

    private ModelSettings settings(String name) throws ModelException {
        ModelSettings settings = models().get(name);
        if (settings == null) {
            throw new ModelException("no model named '" + name + "' is configured; configured models: "
                    + new java.util.TreeSet<>(models().keySet()));
        }
        return settings;
    }

    /** Built once per model, so its bulkhead and rate limiter hold across pull requests. */
    private synchronized ModelClient resilient(ModelSettings settings) throws ModelException {
        ModelClient existing = resilient.get(settings.name());
        if (existing != null) {
            return existing;
        }
        ModelClient created = new ResilientModelClient(adapter(settings), settings,
                breakers.computeIfAbsent(settings.endpoint(), endpoint -> {
                    CircuitBreaker breaker = ResilientModelClient.circuitBreaker(endpoint, settings.retry());
                    metrics.breaker(endpoint, breaker);
                    return breaker;
                }));
        resilient.put(settings.name(), created);
        return created;
    }

    private ModelClient adapter(ModelSettings settings) throws ModelException {
        String key = settings.apiKey().resolve(environment).orElse(null);
        return switch (settings.provider()) {
            case OPENAI -> new OpenAiChatClient(settings, http, key, clock);
            case ANTHROPIC -> {
                if (key == null) {
                    throw new ModelException("model " + settings.name()
                            + " is an Anthropic model and needs an API key: set api-key-env or api-key-file");
                }
                yield new AnthropicClient(settings, http, key, clock);
            }
            case OLLAMA -> new OllamaClient(settings, http, key, clock);
        };
    }
}
