package dev.truce.provider;

import dev.truce.model.ModelClient;
import dev.truce.model.ModelException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The models a user configured, read from a YAML models file ({@link ModelsFile}, format in {@code docs/models.md}), and the clients
 * built from them: adapter, wrapped in {@link ResilientModelClient}, wrapped in {@link MeteredModelClient}.
 * Models served from the same provider endpoint share one circuit breaker. Thread-safe.
 */
public final class ModelCatalog {

    private static final org.slf4j.Logger DEPRECATIONS = org.slf4j.LoggerFactory.getLogger(ModelCatalog.class);

    private final Map<String, ModelSettings> models;
    private final Budget budget;
    private final InstallationGrants grants;
    private final CostMeter meter = new CostMeter();
    private final Function<String, String> environment;
    private final OkHttpClient http = new OkHttpClient();
    private final Clock clock;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, ModelClient> resilient = new ConcurrentHashMap<>();
    private final ModelMetrics metrics;

    /**
     * @param models      the configured models
     * @param budget      the budget every call is charged to
     * @param environment looks up environment variables (API keys)
     * @param clock       for {@code Retry-After} dates
     */
    public ModelCatalog(List<ModelSettings> models, Budget budget, Function<String, String> environment,
            Clock clock) {
        this(models, budget, InstallationGrants.OPEN, environment, clock);
    }

    /**
     * @param models      the configured models
     * @param budget      the shared budget every call is charged to
     * @param grants      which installations may use which models, and their own budgets
     * @param environment looks up environment variables (API keys)
     * @param clock       for {@code Retry-After} dates
     */
    public ModelCatalog(List<ModelSettings> models, Budget budget, InstallationGrants grants,
            Function<String, String> environment, Clock clock) {
        this(models, budget, grants, environment, clock, ModelMetrics.NONE);
    }

    private ModelCatalog(List<ModelSettings> models, Budget budget, InstallationGrants grants,
            Function<String, String> environment, Clock clock, ModelMetrics metrics) {
        this.metrics = metrics;
        Map<String, ModelSettings> byName = new LinkedHashMap<>();
        for (ModelSettings model : models) {
            if (byName.put(model.name(), model) != null) {
                throw new IllegalArgumentException("model " + model.name() + " is configured twice");
            }
        }
        this.models = Map.copyOf(byName);
        this.budget = budget;
        this.grants = grants;
        this.environment = environment;
        this.clock = clock;
    }

    /** Reads a models file, taking API keys from the process environment. */
    public static ModelCatalog load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString(), System::getenv, Clock.systemUTC());
        }
    }

    /**
     * Reads a models file.
     *
     * @param source names the file in error messages
     * @throws IllegalArgumentException when the file is not valid, saying where and what to write instead
     */
    public static ModelCatalog parse(Reader yaml, String source, Function<String, String> environment,
            Clock clock) {
        String text;
        try {
            text = new java.io.BufferedReader(yaml).lines().collect(java.util.stream.Collectors.joining("\n"));
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(source + " could not be read: " + e.getCause().getMessage(), e);
        }
        ModelsFile.Contents contents = ModelsFile.parse(text, source, clock, DEPRECATIONS::warn);
        return new ModelCatalog(contents.models(), contents.budget(), contents.grants(), environment, clock);
    }

    /** The configured models by name. */
    public Map<String, ModelSettings> models() {
        return models;
    }

    /** The budget all calls are charged to. */
    public Budget budget() {
        return budget;
    }

    /** Which installations may use which models (the models file's {@code installations}). */
    public InstallationGrants grants() {
        return grants;
    }

    /**
     * The same models and budget limits, with spend kept in {@code ledger} instead (the service passes its
     * database's, so the limits hold across replicas). A new catalog: its meter and clients start fresh.
     */
    public ModelCatalog withBudgetLedger(BudgetLedger ledger) {
        return new ModelCatalog(List.copyOf(models.values()), budget.withLedger(ledger), grants, environment, clock,
                metrics);
    }

    /**
     * The same models, budget and ledger, with every call's outcome, latency, tokens and cost, and each provider's
     * circuit breaker, reported to {@code registry} (meter names in docs/operations.md). A new catalog: its meter and
     * clients start fresh.
     */
    public ModelCatalog withMeterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
        return new ModelCatalog(List.copyOf(models.values()), budget, grants, environment, clock,
                new ModelMetrics(registry));
    }

    /** The accounting of all calls made through this catalog's clients. */
    public CostMeter meter() {
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
        return new MeteredModelClient(resilient(settings(name)), settings(name).prices(), budget, pullRequest, meter,
                metrics);
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
        InstallationGrants.Grant grant = grants.of(account).filter(g -> g.allows(name)).orElseThrow(
                () -> new ModelException("installation " + account + " may not use model " + name
                        + " (installations in the models file)"));
        Budget own = budget.forAccount(account, grant.perDay(), grant.perPullRequest());
        return new MeteredModelClient(resilient(settings), settings.prices(), own, pullRequest, meter, metrics);
    }

    private ModelSettings settings(String name) throws ModelException {
        ModelSettings settings = models.get(name);
        if (settings == null) {
            throw new ModelException("no model named '" + name + "' is configured; configured models: "
                    + new java.util.TreeSet<>(models.keySet()));
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
