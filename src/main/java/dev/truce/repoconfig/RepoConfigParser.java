package dev.truce.repoconfig;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.Strategies;
import dev.truce.yaml.StrictYaml;
import dev.truce.yaml.YamlFileException;

/**
 * Reads {@code .github/truce.yml} strictly through {@link StrictYaml}: plain mappings, lists and scalars only, no
 * duplicate keys, no unknown keys, typed values. Every error names the key and what is allowed. Keys are kebab-case,
 * like the models file; the camelCase spellings of earlier versions ({@code maxFiles}, {@code modelsLocalOnly},
 * {@code newCode}) still work, each with a deprecation warning naming the new key.
 *
 * <pre>
 * mode: fix-pr            # off | comment | fix-pr | on-request
 * ignore: ["docs/**", "*.snap"]
 * limits: {max-files: 20, max-hunks: 100}
 * models: [claude-sonnet]
 * models-local-only: false  # true: only models the operator marked local may see the code
 * validation: ["mvn -q verify"]
 * strategies: {with: [list-insertion], without: []}   # opt-in strategies to add, default ones to leave out
 * new-code: review        # review | human: a model's answer adding code in none of the three versions
 * </pre>
 */
final class RepoConfigParser {

    private static final Logger log = LoggerFactory.getLogger(RepoConfigParser.class);

    /** The camelCase spellings before the keys became kebab-case, to their new keys. */
    static final Map<String, String> RENAMED = Map.of("modelsLocalOnly", "models-local-only", "newCode", "new-code",
            "limits.maxFiles", "max-files", "limits.maxHunks", "max-hunks");

    private static final StrictYaml<TruceYml> YAML = new StrictYaml<>(TruceYml.class, RENAMED);
    private static final int MAX_BYTES = 64 * 1024;

    /** The file as written; {@code null} for a key not given. */
    record TruceYml(String mode, List<String> ignore, LimitsYml limits, List<String> models, Boolean modelsLocalOnly,
            List<String> validation, StrategiesYml strategies, String newCode) {
    }

    /** {@code limits:}. */
    record LimitsYml(Integer maxFiles, Integer maxHunks) {
    }

    /** {@code strategies:}. */
    record StrategiesYml(List<String> with, List<String> without) {
    }

    private final Consumer<String> deprecations;

    /** A parser logging the use of an old key spelling as a warning. */
    public RepoConfigParser() {
        this(log::warn);
    }

    /** A parser telling {@code deprecations} of each old key spelling used, with the key to write instead. */
    public RepoConfigParser(Consumer<String> deprecations) {
        this.deprecations = deprecations;
    }

    /**
     * Parses the file's text; an empty file gives the defaults.
     *
     * @throws RepoConfigException when the text is not valid, with what to fix
     */
    public RepoConfig parse(String text) throws RepoConfigException {
        if (text.length() > MAX_BYTES) {
            throw new RepoConfigException(RepoConfig.PATH + " is larger than 64 KiB; it should be a few lines");
        }
        TruceYml file;
        try {
            file = YAML.read(text, RepoConfig.PATH, deprecations);
        } catch (YamlFileException e) {
            throw new RepoConfigException(e.getMessage(), e);
        }
        if (file == null) {
            return RepoConfig.DEFAULT;
        }
        RepoConfig d = RepoConfig.DEFAULT;
        Mode mode = file.mode() != null ? mode(file.mode()) : d.mode();
        List<String> ignore = file.ignore() != null ? strings(file.ignore(), "ignore") : d.ignore();
        for (String glob : ignore) {
            Glob.check(glob);
        }
        ConflictLimits limits = file.limits() != null ? limits(file.limits()) : d.limits();
        List<String> models = file.models() != null ? strings(file.models(), "models") : d.models();
        List<String> validation = file.validation() != null ? strings(file.validation(), "validation")
                : d.validation();
        boolean localOnly = file.modelsLocalOnly() != null ? file.modelsLocalOnly() : d.modelsLocalOnly();
        StrategyChoice strategies = file.strategies() != null ? strategies(file.strategies()) : d.strategies();
        NewCodePolicy newCode = file.newCode() != null ? newCode(file.newCode()) : d.newCode();
        return new RepoConfig(mode, ignore, limits, models, localOnly, validation, strategies, newCode);
    }

    private static NewCodePolicy newCode(String value) throws RepoConfigException {
        for (NewCodePolicy policy : NewCodePolicy.values()) {
            if (policy.key().equals(value)) {
                return policy;
            }
        }
        throw new RepoConfigException("'new-code' must be one of " + Arrays.stream(NewCodePolicy.values())
                .map(NewCodePolicy::key).collect(Collectors.joining(", ")) + " (human: a model's answer that adds"
                + " code found in none of the three versions goes to a human), not '" + value + "'");
    }

    private static StrategyChoice strategies(StrategiesYml value) throws RepoConfigException {
        List<String> with = value.with() != null ? strings(value.with(), "strategies.with") : List.of();
        List<String> without = value.without() != null ? strings(value.without(), "strategies.without") : List.of();
        try {
            Strategies.select(ReceivingSide.THEIRS, with, without);
        } catch (IllegalArgumentException e) {
            throw new RepoConfigException("'strategies' names an " + e.getMessage());
        }
        return new StrategyChoice(with, without);
    }

    private static Mode mode(String value) throws RepoConfigException {
        for (Mode mode : Mode.values()) {
            if (mode.key().equals(value)) {
                return mode;
            }
        }
        throw new RepoConfigException("'mode' must be one of " + Arrays.stream(Mode.values()).map(Mode::key)
                .collect(Collectors.joining(", ")) + ", not '" + value + "'");
    }

    private static ConflictLimits limits(LimitsYml value) throws RepoConfigException {
        ConflictLimits d = ConflictLimits.DEFAULT;
        return new ConflictLimits(value.maxFiles() != null ? positive(value.maxFiles(), "limits.max-files") : d.maxFiles(),
                value.maxHunks() != null ? positive(value.maxHunks(), "limits.max-hunks") : d.maxHunks());
    }

    private static int positive(int value, String key) throws RepoConfigException {
        if (value > 0) {
            return value;
        }
        throw new RepoConfigException("'" + key + "' must be a whole number above 0, not '" + value + "'");
    }

    private static List<String> strings(List<String> values, String key) throws RepoConfigException {
        for (String item : values) {
            if (item == null || item.isBlank()) {
                throw new RepoConfigException("'" + key + "' must hold non-empty strings; '" + item + "' is not one");
            }
        }
        return values;
    }
}
