package dev.truce.provider;

import dev.truce.yaml.StrictYaml;
import dev.truce.yaml.YamlFileException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The models file (format in {@code docs/models.md}) bound through {@link StrictYaml} and checked into
 * {@link ConfiguredModels}. Every error names the file and the key, and says what to
 * write.
 */
final class ModelsFile {

    /** The file as written; {@code null} for a key not given. */
    record ModelsYml(Map<String, ModelYml> models, BudgetYml budget, Map<String, GrantYml> installations) {
    }

    /** One entry under {@code models:}. */
    record ModelYml(String provider, String baseUrl, String model, String apiKeyEnv, String apiKeyFile, Boolean local,
            TimeoutsYml timeouts, LimitsYml limits, RetryYml retry, PricesYml prices, Integer maxInputTokens) {
    }

    /** A model's {@code timeouts:}, as durations such as {@code 30s} or a number of seconds. */
    record TimeoutsYml(Object connect, Object call) {
    }

    /** A model's {@code limits:}. */
    record LimitsYml(Integer maxConcurrentCalls, Double callsPerSecond) {
    }

    /** A model's {@code retry:}. */
    record RetryYml(Integer maxAttempts, Object baseBackoff, Object maxRetryAfter, Integer breakerFailures,
            Object breakerOpen) {
    }

    /** A model's {@code prices:}, dollars per million tokens (a number, or text such as {@code $3}). */
    record PricesYml(Object input, Object cachedInput, Object output) {
    }

    /** {@code budget:}, dollars. */
    record BudgetYml(Object perPullRequest, Object perDay) {
    }

    /** One account under {@code installations:}. */
    record GrantYml(List<String> models, Object perDay, Object perPullRequest) {
    }

    private static final StrictYaml<ModelsYml> YAML = new StrictYaml<>(ModelsYml.class);

    private ModelsFile() {
    }

    /**
     * Reads a models file.
     *
     * @param source names the file in error messages
     * @throws IllegalArgumentException when the file is not valid, saying where and what to write instead
     */
    static ConfiguredModels parse(String text, String source, Clock clock, Consumer<String> deprecations) {
        ModelsYml file;
        try {
            file = YAML.read(text, source, deprecations);
        } catch (YamlFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (file == null || file.models() == null) {
            throw new IllegalArgumentException(source + ": models: expected a mapping of model names to their"
                    + " settings (docs/models.md)");
        }
        List<ModelSettings> models = new ArrayList<>();
        for (Map.Entry<String, ModelYml> entry : file.models().entrySet()) {
            String where = source + ": models." + entry.getKey();
            if (entry.getValue() == null) {
                throw new IllegalArgumentException(where + ": expected a mapping of keys to values");
            }
            models.add(settings(entry.getKey(), entry.getValue(), where));
        }
        SpendBudget budget = SpendBudget.unlimited();
        if (file.budget() != null) {
            budget = new SpendBudget(money(file.budget().perPullRequest(), source + ": budget.per-pull-request"),
                    money(file.budget().perDay(), source + ": budget.per-day"), clock);
        }
        InstallationGrants grants = InstallationGrants.OPEN;
        if (file.installations() != null) {
            grants = grants(file.installations(), models, source);
        }
        return ConfiguredModels.of(models, budget, grants);
    }

    private static InstallationGrants grants(Map<String, GrantYml> node, List<ModelSettings> models, String source) {
        Set<String> names = new TreeSet<>();
        models.forEach(m -> names.add(m.name()));
        Map<String, InstallationGrants.Grant> byAccount = new LinkedHashMap<>();
        for (Map.Entry<String, GrantYml> entry : node.entrySet()) {
            String where = source + ": installations." + entry.getKey();
            GrantYml grant = entry.getValue();
            if (grant == null || grant.models() == null) {
                throw new IllegalArgumentException(where + ".models: list the models this installation may use,"
                        + " for example [local-coder]; configured models: " + names);
            }
            List<String> allowed = grant.models().stream().map(String::trim).toList();
            for (String model : allowed) {
                if (!names.contains(model)) {
                    throw new IllegalArgumentException(where + ".models: no model named '" + model
                            + "' is configured; configured models: " + names);
                }
            }
            if (byAccount.put(entry.getKey().toLowerCase(Locale.ROOT), new InstallationGrants.Grant(allowed,
                    money(grant.perDay(), where + ".per-day"),
                    money(grant.perPullRequest(), where + ".per-pull-request"))) != null) {
                throw new IllegalArgumentException(where + ": the account is listed twice (names ignore case)");
            }
        }
        return new InstallationGrants(byAccount);
    }

    private static ModelSettings settings(String name, ModelYml node, String where) {
        ProviderKind kind = ProviderKind.parse(required(node.provider(), "provider", where));
        String baseUrl = node.baseUrl() != null ? required(node.baseUrl(), "base-url", where) : defaultBaseUrl(kind);
        ModelSettings settings = ModelSettings.of(name, kind, baseUrl, required(node.model(), "model", where));
        if (node.apiKeyEnv() != null) {
            settings = settings.withApiKey(ApiKeySource.environment(required(node.apiKeyEnv(), "api-key-env", where)));
        }
        if (node.apiKeyFile() != null) {
            if (node.apiKeyEnv() != null) {
                throw new IllegalArgumentException(where + ": give api-key-env or api-key-file, not both");
            }
            settings = settings.withApiKey(ApiKeySource.file(Path.of(required(node.apiKeyFile(), "api-key-file",
                    where))));
        }
        if (node.local() != null) {
            settings = settings.withLocal(node.local());
        }
        if (node.timeouts() != null) {
            TimeoutsYml t = node.timeouts();
            ModelSettings.Timeouts d = ModelSettings.Timeouts.DEFAULT;
            settings = settings.withTimeouts(new ModelSettings.Timeouts(
                    duration(t.connect(), d.connect(), where + ".timeouts.connect"),
                    duration(t.call(), d.call(), where + ".timeouts.call")));
        }
        if (node.limits() != null) {
            LimitsYml l = node.limits();
            ModelSettings.CallLimits d = ModelSettings.CallLimits.DEFAULT;
            settings = settings.withLimits(new ModelSettings.CallLimits(
                    l.maxConcurrentCalls() != null ? l.maxConcurrentCalls() : d.maxConcurrentCalls(),
                    l.callsPerSecond() != null ? l.callsPerSecond() : d.callsPerSecond()));
        }
        if (node.retry() != null) {
            RetryYml r = node.retry();
            ModelSettings.RetryPolicy d = ModelSettings.RetryPolicy.DEFAULT;
            settings = settings.withRetry(new ModelSettings.RetryPolicy(
                    r.maxAttempts() != null ? r.maxAttempts() : d.maxAttempts(),
                    duration(r.baseBackoff(), d.baseBackoff(), where + ".retry.base-backoff"),
                    duration(r.maxRetryAfter(), d.maxRetryAfter(), where + ".retry.max-retry-after"),
                    r.breakerFailures() != null ? r.breakerFailures() : d.breakerFailures(),
                    duration(r.breakerOpen(), d.breakerOpenDuration(), where + ".retry.breaker-open")));
        }
        if (node.maxInputTokens() != null) {
            if (node.maxInputTokens() < 1_000) {
                throw new IllegalArgumentException(where + ".max-input-tokens: write a whole number of tokens, at least"
                        + " 1000 (the model's context window, or less)");
            }
            settings = settings.withMaxInputTokens(node.maxInputTokens());
        }
        if (node.prices() != null) {
            PricesYml p = node.prices();
            settings = settings.withPrices(new Prices(
                    orZero(money(p.input(), where + ".prices.input")),
                    orZero(money(p.cachedInput(), where + ".prices.cached-input")),
                    orZero(money(p.output(), where + ".prices.output"))));
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

    private static String required(String value, String key, String where) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is required");
        }
        return value.trim();
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
