package dev.truce.provider;

import dev.truce.model.ModelClient;
import dev.truce.model.ModelException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The models a user configured, read from a YAML models file (format in {@code docs/models.md}), and the clients
 * built from them: adapter, wrapped in {@link ResilientModelClient}, wrapped in {@link MeteredModelClient}.
 * Models served from the same provider endpoint share one circuit breaker. Thread-safe.
 */
public final class ModelCatalog {

    private static final Set<String> MODEL_KEYS = Set.of("provider", "base-url", "model", "api-key-env",
            "api-key-file", "local", "timeouts", "limits", "retry", "prices", "max-input-tokens");

    private static final Set<String> GRANT_KEYS = Set.of("models", "per-day", "per-pull-request");

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
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getMessage(), e);
        }
        Map<String, Object> top = map(root, source);
        Map<String, Object> modelsNode = map(top.get("models"), source + ": models");
        List<ModelSettings> models = new java.util.ArrayList<>();
        for (Map.Entry<String, Object> entry : modelsNode.entrySet()) {
            models.add(settings(entry.getKey(), map(entry.getValue(), source + ": models." + entry.getKey()),
                    source + ": models." + entry.getKey()));
        }
        Budget budget = Budget.unlimited();
        if (top.get("budget") != null) {
            Map<String, Object> node = map(top.get("budget"), source + ": budget");
            budget = new Budget(money(node.get("per-pull-request"), source + ": budget.per-pull-request"),
                    money(node.get("per-day"), source + ": budget.per-day"), clock);
        }
        InstallationGrants grants = InstallationGrants.OPEN;
        if (top.get("installations") != null) {
            grants = grants(map(top.get("installations"), source + ": installations"), models, source);
        }
        return new ModelCatalog(models, budget, grants, environment, clock);
    }

    private static InstallationGrants grants(Map<String, Object> node, List<ModelSettings> models, String source) {
        Set<String> names = new java.util.TreeSet<>();
        models.forEach(m -> names.add(m.name()));
        Map<String, InstallationGrants.Grant> byAccount = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : node.entrySet()) {
            String where = source + ": installations." + entry.getKey();
            Map<String, Object> grant = map(entry.getValue(), where);
            for (String key : grant.keySet()) {
                if (!GRANT_KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + key + "'; known keys are "
                            + new java.util.TreeSet<>(GRANT_KEYS));
                }
            }
            if (!(grant.get("models") instanceof List<?> listed)) {
                throw new IllegalArgumentException(where + ".models: list the models this installation may use,"
                        + " for example [local-coder]; configured models: " + names);
            }
            List<String> allowed = listed.stream().map(String::valueOf).map(String::trim).toList();
            for (String model : allowed) {
                if (!names.contains(model)) {
                    throw new IllegalArgumentException(where + ".models: no model named '" + model
                            + "' is configured; configured models: " + names);
                }
            }
            if (byAccount.put(entry.getKey().toLowerCase(Locale.ROOT), new InstallationGrants.Grant(allowed,
                    money(grant.get("per-day"), where + ".per-day"),
                    money(grant.get("per-pull-request"), where + ".per-pull-request"))) != null) {
                throw new IllegalArgumentException(where + ": the account is listed twice (names ignore case)");
            }
        }
        return new InstallationGrants(byAccount);
    }

    private static ModelSettings settings(String name, Map<String, Object> node, String where) {
        for (String key : node.keySet()) {
            if (!MODEL_KEYS.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'; known keys are "
                        + new java.util.TreeSet<>(MODEL_KEYS));
            }
        }
        ProviderKind kind = ProviderKind.parse(string(node, "provider", where));
        String baseUrl = node.containsKey("base-url") ? string(node, "base-url", where) : defaultBaseUrl(kind);
        ModelSettings settings = ModelSettings.of(name, kind, baseUrl, string(node, "model", where));
        if (node.containsKey("api-key-env")) {
            settings = settings.withApiKey(ApiKeySource.environment(string(node, "api-key-env", where)));
        }
        if (node.containsKey("api-key-file")) {
            if (node.containsKey("api-key-env")) {
                throw new IllegalArgumentException(where + ": give api-key-env or api-key-file, not both");
            }
            settings = settings.withApiKey(ApiKeySource.file(Path.of(string(node, "api-key-file", where))));
        }
        if (node.containsKey("local")) {
            if (!(node.get("local") instanceof Boolean local)) {
                throw new IllegalArgumentException(where + ".local: write true or false");
            }
            settings = settings.withLocal(local);
        }
        if (node.get("timeouts") != null) {
            Map<String, Object> t = map(node.get("timeouts"), where + ".timeouts");
            ModelSettings.Timeouts d = ModelSettings.Timeouts.DEFAULT;
            settings = settings.withTimeouts(new ModelSettings.Timeouts(
                    duration(t.get("connect"), d.connect(), where + ".timeouts.connect"),
                    duration(t.get("call"), d.call(), where + ".timeouts.call")));
        }
        if (node.get("limits") != null) {
            Map<String, Object> l = map(node.get("limits"), where + ".limits");
            ModelSettings.Limits d = ModelSettings.Limits.DEFAULT;
            settings = settings.withLimits(new ModelSettings.Limits(
                    number(l.get("max-concurrent-calls"), d.maxConcurrentCalls(), where).intValue(),
                    number(l.get("calls-per-second"), d.callsPerSecond(), where).doubleValue()));
        }
        if (node.get("retry") != null) {
            Map<String, Object> r = map(node.get("retry"), where + ".retry");
            ModelSettings.RetryPolicy d = ModelSettings.RetryPolicy.DEFAULT;
            settings = settings.withRetry(new ModelSettings.RetryPolicy(
                    number(r.get("max-attempts"), d.maxAttempts(), where).intValue(),
                    duration(r.get("base-backoff"), d.baseBackoff(), where + ".retry.base-backoff"),
                    duration(r.get("max-retry-after"), d.maxRetryAfter(), where + ".retry.max-retry-after"),
                    number(r.get("breaker-failures"), d.breakerFailures(), where).intValue(),
                    duration(r.get("breaker-open"), d.breakerOpenDuration(), where + ".retry.breaker-open")));
        }
        if (node.get("max-input-tokens") != null) {
            if (!(node.get("max-input-tokens") instanceof Integer tokens) || tokens < 1_000) {
                throw new IllegalArgumentException(where + ".max-input-tokens: write a whole number of tokens, at least"
                        + " 1000 (the model's context window, or less)");
            }
            settings = settings.withMaxInputTokens(tokens);
        }
        if (node.get("prices") != null) {
            Map<String, Object> p = map(node.get("prices"), where + ".prices");
            settings = settings.withPrices(new Prices(
                    orZero(money(p.get("input"), where + ".prices.input")),
                    orZero(money(p.get("cached-input"), where + ".prices.cached-input")),
                    orZero(money(p.get("output"), where + ".prices.output"))));
        }
        return settings;
    }

    private static String defaultBaseUrl(ProviderKind kind) {
        return switch (kind) {
            case OPENAI -> "https://api.openai.com/v1";
            case ANTHROPIC -> "https://api.anthropic.com";
            case OLLAMA -> "http://localhost:11434";
        };
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String where) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a mapping of keys to values");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> result.put(String.valueOf(key), value));
        return result;
    }

    private static String string(Map<String, Object> node, String key, String where) {
        Object value = node.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is required");
        }
        return String.valueOf(value).trim();
    }

    private static Number number(Object value, Number fallback, String where) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(where + ": expected a number, found '" + value + "'");
        }
        return number;
    }

    private static BigDecimal money(Object value, String where) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(String.valueOf(value).trim().replace("$", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": expected dollars such as 5 or 0.30, found '" + value + "'");
        }
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, a bare number of seconds, or ISO-8601 ({@code PT30S}). */
    static Duration duration(Object value, Duration fallback, String where) {
        if (value == null) {
            return fallback;
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("pt")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).trim()) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": expected a duration such as 500ms, 30s or 2m, found '"
                    + value + "'");
        }
    }
}
