package dev.truce.provider;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a models file configures, as values: the models by name, the shared budget, and which installations may use
 * which models. Reading the file is {@link #load}/{@link #parse}; building clients of these models is
 * {@link ModelCatalog}'s.
 *
 * @param models the configured models by name, in the file's order
 * @param budget the budget every call is charged to
 * @param grants which installations may use which models, and their own budgets
 */
record ConfiguredModels(Map<String, ModelSettings> models, SpendBudget budget, InstallationGrants grants) {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredModels.class);

    /** No models, no limit. */
    public static final ConfiguredModels NONE = new ConfiguredModels(Map.of(), SpendBudget.unlimited(),
            InstallationGrants.OPEN);

    public ConfiguredModels {
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /**
     * The models of a list, each name once.
     *
     * @throws IllegalArgumentException when two models have one name
     */
    public static ConfiguredModels of(List<ModelSettings> models, SpendBudget budget, InstallationGrants grants) {
        Map<String, ModelSettings> byName = new LinkedHashMap<>();
        for (ModelSettings model : models) {
            if (byName.put(model.name(), model) != null) {
                throw new IllegalArgumentException("model " + model.name() + " is configured twice");
            }
        }
        return new ConfiguredModels(byName, budget, grants);
    }

    /**
     * Reads a models file.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not valid, saying where and what to write instead
     */
    public static ConfiguredModels load(Path file, Clock clock) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), clock);
    }

    /**
     * Reads a models file's text.
     *
     * @param source names the file in error messages
     * @throws IllegalArgumentException when it is not valid, saying where and what to write instead
     */
    public static ConfiguredModels parse(Reader yaml, String source, Clock clock) {
        String text;
        try (java.io.BufferedReader lines = new java.io.BufferedReader(yaml)) {
            text = lines.lines().collect(Collectors.joining("\n"));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(source + " could not be read: " + e.getMessage(), e);
        }
        return parse(text, source, clock);
    }

    private static ConfiguredModels parse(String text, String source, Clock clock) {
        return ModelsFile.parse(text, source, clock, log::warn);
    }

    /** The same models and limits, with spend kept in {@code ledger} (the service passes its database's). */
    public ConfiguredModels withBudgetLedger(BudgetLedger ledger) {
        return new ConfiguredModels(models, budget.withLedger(ledger), grants);
    }
}
