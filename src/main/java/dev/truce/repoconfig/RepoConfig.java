package dev.truce.repoconfig;

import java.util.List;

/**
 * A repository's settings, from {@code .github/truce.yml} on the base branch.
 *
 * @param mode       what Truce does (default {@link Mode#FIX_PR})
 * @param ignore     path globs Truce leaves to a human ({@code *} within a directory, {@code **} across
 *                   directories, {@code ?} one character; a glob without {@code /} matches a file name anywhere, a
 *                   leading {@code /} anchors it at the root; at most 256 characters and 32 wildcards each)
 * @param limits     the largest conflict Truce takes on
 * @param models          the models allowed to see this repository's code, preferred first (none by default)
 * @param modelsLocalOnly whether only models that run on the operator's own infrastructure may see it, whatever
 *                        a listed name points to (a guard against a name later re-pointed to a hosted provider)
 * @param validation      commands that check a resolution (run by the validation stage)
 * @param strategies      strategies added to or removed from the default chain
 * @param newCode         whether a model's resolution that adds code found in none of the three versions is taken
 *                        (and shown) or left to a human
 */
public record RepoConfig(Mode mode, List<String> ignore, ConflictLimits limits, List<String> models, boolean modelsLocalOnly,
        List<String> validation, StrategyChoice strategies, NewCodePolicy newCode) {

    /** What a repository without {@code truce.yml} gets. */
    public static final RepoConfig DEFAULT = new RepoConfig(Mode.FIX_PR, List.of(), ConflictLimits.DEFAULT, List.of(), false,
            List.of(), StrategyChoice.NONE, NewCodePolicy.REVIEW);

    /** Where the file lives in the repository. */
    public static final String PATH = ".github/truce.yml";

    public RepoConfig {
        ignore = List.copyOf(ignore);
        models = List.copyOf(models);
        validation = List.copyOf(validation);
    }

    /** Settings that let a model's new code through for review. */
    public RepoConfig(Mode mode, List<String> ignore, ConflictLimits limits, List<String> models, boolean modelsLocalOnly,
            List<String> validation, StrategyChoice strategies) {
        this(mode, ignore, limits, models, modelsLocalOnly, validation, strategies, NewCodePolicy.REVIEW);
    }

    /** Settings with the default strategy chain. */
    public RepoConfig(Mode mode, List<String> ignore, ConflictLimits limits, List<String> models, boolean modelsLocalOnly,
            List<String> validation) {
        this(mode, ignore, limits, models, modelsLocalOnly, validation, StrategyChoice.NONE);
    }

    /** Settings without the local-only restriction, with the default strategy chain. */
    public RepoConfig(Mode mode, List<String> ignore, ConflictLimits limits, List<String> models, List<String> validation) {
        this(mode, ignore, limits, models, false, validation);
    }

    /** Whether a path matches one of the {@link #ignore} globs (in linear time, see {@link Glob}). */
    public boolean ignores(String path) {
        for (String glob : ignore) {
            if (Glob.of(glob).matches(path)) {
                return true;
            }
        }
        return false;
    }
}
