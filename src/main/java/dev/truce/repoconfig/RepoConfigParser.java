package dev.truce.repoconfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.Strategies;

/**
 * Reads {@code .github/truce.yml} strictly: SnakeYAML's safe constructor (plain maps, lists and scalars only), no
 * duplicate keys, no unknown keys, typed values. Every error names the key and what is allowed.
 *
 * <pre>
 * mode: fix-pr            # off | comment | fix-pr | on-request
 * ignore: ["docs/**", "*.snap"]
 * limits: {maxFiles: 20, maxHunks: 100}
 * models: [claude-sonnet]
 * modelsLocalOnly: false  # true: only models the operator marked local may see the code
 * validation: ["mvn -q verify"]
 * strategies: {with: [list-insertion], without: []}   # opt-in strategies to add, default ones to leave out
 * newCode: review         # review | human: a model's answer adding code in none of the three versions
 * </pre>
 */
public final class RepoConfigParser {

    private static final Set<String> KEYS = Set.of("mode", "ignore", "limits", "models", "modelsLocalOnly", "validation",
            "strategies", "newCode");
    private static final Set<String> LIMIT_KEYS = Set.of("maxFiles", "maxHunks");
    private static final Set<String> STRATEGY_KEYS = Set.of("with", "without");
    private static final int MAX_BYTES = 64 * 1024;

    /**
     * Parses the file's text; an empty file gives the defaults.
     *
     * @throws RepoConfigException when the text is not valid, with what to fix
     */
    public RepoConfig parse(String text) throws RepoConfigException {
        if (text.length() > MAX_BYTES) {
            throw new RepoConfigException(RepoConfig.PATH + " is larger than 64 KiB; it should be a few lines");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new RepoConfigException(RepoConfig.PATH + " is not valid YAML: " + firstLine(e.getMessage()), e);
        }
        if (root == null) {
            return RepoConfig.DEFAULT;
        }
        Map<String, Object> map = map(root, "the top level");
        unknownKeys(map, KEYS, "");
        RepoConfig d = RepoConfig.DEFAULT;
        Mode mode = map.containsKey("mode") ? mode(map.get("mode")) : d.mode();
        List<String> ignore = map.containsKey("ignore") ? strings(map.get("ignore"), "ignore") : d.ignore();
        for (String glob : ignore) {
            Glob.check(glob);
        }
        Limits limits = map.containsKey("limits") ? limits(map.get("limits")) : d.limits();
        List<String> models = map.containsKey("models") ? strings(map.get("models"), "models") : d.models();
        List<String> validation = map.containsKey("validation") ? strings(map.get("validation"), "validation")
                : d.validation();
        Object localOnly = map.getOrDefault("modelsLocalOnly", d.modelsLocalOnly());
        if (!(localOnly instanceof Boolean)) {
            throw new RepoConfigException("modelsLocalOnly must be true or false, not '" + localOnly + "'");
        }
        StrategyChoice strategies = map.containsKey("strategies") ? strategies(map.get("strategies")) : d.strategies();
        NewCodePolicy newCode = map.containsKey("newCode") ? newCode(map.get("newCode")) : d.newCode();
        return new RepoConfig(mode, ignore, limits, models, (Boolean) localOnly, validation, strategies, newCode);
    }

    private static NewCodePolicy newCode(Object value) throws RepoConfigException {
        for (NewCodePolicy policy : NewCodePolicy.values()) {
            if (policy.key().equals(value)) {
                return policy;
            }
        }
        throw new RepoConfigException("'newCode' must be one of " + Arrays.stream(NewCodePolicy.values())
                .map(NewCodePolicy::key).collect(Collectors.joining(", ")) + " (human: a model's answer that adds"
                + " code found in none of the three versions goes to a human), not '" + value + "'");
    }

    private static StrategyChoice strategies(Object value) throws RepoConfigException {
        Map<String, Object> map = map(value, "'strategies'");
        unknownKeys(map, STRATEGY_KEYS, "strategies.");
        List<String> with = map.containsKey("with") ? strings(map.get("with"), "strategies.with") : List.of();
        List<String> without = map.containsKey("without") ? strings(map.get("without"), "strategies.without")
                : List.of();
        try {
            Strategies.select(ReceivingSide.THEIRS, with, without);
        } catch (IllegalArgumentException e) {
            throw new RepoConfigException("'strategies' names an " + e.getMessage());
        }
        return new StrategyChoice(with, without);
    }

    private static Mode mode(Object value) throws RepoConfigException {
        if (Boolean.FALSE.equals(value)) {
            return Mode.OFF; // YAML 1.1 reads a bare 'off' as false
        }
        for (Mode mode : Mode.values()) {
            if (mode.key().equals(value)) {
                return mode;
            }
        }
        throw new RepoConfigException("'mode' must be one of " + Arrays.stream(Mode.values()).map(Mode::key)
                .collect(Collectors.joining(", ")) + ", not '" + value + "'");
    }

    private static Limits limits(Object value) throws RepoConfigException {
        Map<String, Object> map = map(value, "'limits'");
        unknownKeys(map, LIMIT_KEYS, "limits.");
        Limits d = Limits.DEFAULT;
        return new Limits(map.containsKey("maxFiles") ? positive(map.get("maxFiles"), "limits.maxFiles") : d.maxFiles(),
                map.containsKey("maxHunks") ? positive(map.get("maxHunks"), "limits.maxHunks") : d.maxHunks());
    }

    private static int positive(Object value, String key) throws RepoConfigException {
        if (value instanceof Integer i && i > 0) {
            return i;
        }
        throw new RepoConfigException("'" + key + "' must be a whole number above 0, not '" + value + "'");
    }

    private static List<String> strings(Object value, String key) throws RepoConfigException {
        if (!(value instanceof List<?> list)) {
            throw new RepoConfigException("'" + key + "' must be a list of strings, such as [\"a\", \"b\"], not '"
                    + value + "'");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw new RepoConfigException("'" + key + "' must hold non-empty strings; '" + item + "' is not one");
            }
            out.add(s);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) throws RepoConfigException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new RepoConfigException(where + " of " + RepoConfig.PATH + " must be a mapping of keys to values");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new RepoConfigException("key '" + key + "' in " + where + " must be text");
            }
        }
        return (Map<String, Object>) map;
    }

    private static void unknownKeys(Map<String, Object> map, Set<String> known, String prefix)
            throws RepoConfigException {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new RepoConfigException("unknown key '" + prefix + key + "' in " + RepoConfig.PATH
                        + "; known keys: " + known.stream().sorted().map(k -> prefix + k)
                                .collect(Collectors.joining(", ")));
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").trim();
    }
}
