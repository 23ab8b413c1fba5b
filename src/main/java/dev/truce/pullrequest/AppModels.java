package dev.truce.pullrequest;

import java.util.List;

import dev.truce.context.PromptStyle;
import dev.truce.llm.ModelException;
import dev.truce.llm.ModelStage;
import dev.truce.provider.InstallationGrants;
import dev.truce.provider.ModelCatalog;
import dev.truce.repoconfig.RepoConfig;

/**
 * The models the operator configured for the App ({@code truce.models.file}) and which of them may see a
 * repository's code. The repository decides: its {@code models} list in {@code .github/truce.yml} names the models
 * it allows, an empty list (the default) means none, and {@code models-local-only: true} keeps out every model not
 * marked local in the models file. The operator decides too: the models file's {@code installations} section names
 * the models each installation may use at all, and its own budget. Among the models both allow the operator's
 * default is preferred, otherwise the first one the repository lists. The clients themselves come from the
 * {@link ModelCatalog}, as on the command line.
 */
public final class AppModels {

    /** No models configured: the App resolves with the deterministic strategies only. */
    public static final AppModels NONE = new AppModels(null, null);

    private final ModelCatalog catalog;
    private final String preferred;

    /**
     * @param catalog   the configured models, their budgets and meter; {@code null} for none
     * @param preferred the model to use where a repository allows it ({@code truce.models.default}), or {@code null}
     * @throws IllegalArgumentException when {@code preferred} is not a configured model
     */
    public AppModels(ModelCatalog catalog, String preferred) {
        String name = preferred == null || preferred.isBlank() ? null : preferred.trim();
        if (name != null && (catalog == null || !catalog.models().containsKey(name))) {
            throw new IllegalArgumentException("truce.models.default is '" + name + "', but the models file does not"
                    + " configure a model of that name; configured: " + (catalog == null ? "none (set"
                            + " truce.models.file)" : new java.util.TreeSet<>(catalog.models().keySet())));
        }
        this.catalog = catalog;
        this.preferred = name;
    }

    /**
     * The model a repository gets, or why none.
     *
     * @param model  the configured model's name, or {@code null} when no model may see the repository's code
     * @param reason why no model was chosen, or {@code null} when one was
     */
    public record Choice(String model, String reason) {

        /** Whether a model was chosen. */
        public boolean chosen() {
            return model != null;
        }
    }

    /** Which model may see the code of a repository with {@code config}, for any installation. */
    public Choice choose(RepoConfig config) {
        return choose(null, config);
    }

    /**
     * Which model may see the code of a repository with {@code config} in the installation of {@code account}.
     *
     * @param account the installation's account login, or {@code null} to ignore the operator's installation grants
     */
    public Choice choose(String account, RepoConfig config) {
        if (catalog == null) {
            return new Choice(null, "no models are configured for this App");
        }
        if (config.models().isEmpty()) {
            return new Choice(null, "the repository allows no models (`models` in " + RepoConfig.PATH + ")");
        }
        InstallationGrants.Grant grant = account == null ? InstallationGrants.Grant.ALL_MODELS
                : catalog.grants().of(account).orElse(null);
        if (grant == null) {
            return new Choice(null, "the operator of this App has not allowed this installation to use models");
        }
        List<String> allowed = config.models().stream().filter(catalog.models()::containsKey)
                .filter(name -> !config.modelsLocalOnly() || catalog.models().get(name).local())
                .filter(grant::allows).toList();
        if (allowed.isEmpty()) {
            return new Choice(null, "none of the models the repository allows " + config.models() + " is configured"
                    + (config.modelsLocalOnly() ? " and local" : "") + " in this App"
                    + (grant.models() == null ? "" : " for this installation"));
        }
        return new Choice(allowed.contains(preferred) ? preferred : allowed.get(0), null);
    }

    /**
     * The model stage for one pull request, charged to its budget.
     *
     * @param model       a model {@link #choose(RepoConfig)} returned
     * @param pullRequest the pull request's budget key, {@code owner/repo#12}
     * @throws ModelException when the model cannot be set up (its API key cannot be read, for example)
     */
    public ModelStage stage(String model, String pullRequest) throws ModelException {
        return new ModelStage(catalog.client(model, pullRequest), null, PromptStyle.CONTEXT);
    }

    /**
     * The model stage for one pull request of the installation of {@code account}, charged to the shared budget and
     * the installation's own.
     *
     * @param model       a model {@link #choose(String, RepoConfig)} returned for {@code account}
     * @param account     the installation's account login
     * @param pullRequest the pull request's budget key, {@code owner/repo#12}
     * @throws ModelException when the model cannot be set up or the installation may not use it
     */
    public ModelStage stage(String model, String account, String pullRequest) throws ModelException {
        return new ModelStage(catalog.client(model, account, pullRequest), null, PromptStyle.CONTEXT);
    }

    /** Whether the operator listed which installations may use which models (otherwise all may use all). */
    public boolean grantsPerInstallation() {
        return catalog != null && catalog.grants().restricted();
    }
}
