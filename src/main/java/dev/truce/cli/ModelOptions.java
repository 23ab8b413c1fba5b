package dev.truce.cli;

import java.nio.file.Path;

import dev.truce.context.PromptStyle;
import dev.truce.llm.ModelClient;
import dev.truce.llm.ModelException;
import dev.truce.llm.ModelStage;
import dev.truce.llm.PromptRecorder;
import dev.truce.provider.ModelCatalog;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The model stage's options, shared by {@code resolve} and {@code eval}. */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "NAME",
            description = "Ask this model about the hunks no strategy resolved. 'replay:DIR' answers from recorded"
                    + " files DIR/<fingerprint>.json (see docs/evaluation.md); other names are configured models.")
    String model;

    @Option(names = "--models", paramLabel = "FILE",
            description = "The models file naming the configured models (docs/models.md). Default: $TRUCE_MODELS,"
                    + " else ./truce-models.yml when it exists.")
    Path modelsFile;

    @Option(names = "--dump-prompts", paramLabel = "DIR",
            description = "Write each request Truce sends (or would send) to the model as DIR/<fingerprint>.json.")
    Path dumpPrompts;

    @Option(names = "--prompt-style", paramLabel = "context|naive", defaultValue = "context",
            converter = StyleConverter.class,
            description = "'context': the hunk with its declaration, each side's other changes and why (default);"
                    + " 'naive': the whole file with conflict markers and nothing else, as a baseline.")
    PromptStyle promptStyle;

    /** Whether the model stage runs at all. */
    boolean enabled() {
        return model != null || dumpPrompts != null;
    }

    /**
     * The stage, or {@code null} when neither {@code --model} nor {@code --dump-prompts} is given.
     *
     * @throws ModelException for a model name nobody configured, saying what to give
     */
    ModelStage stage() throws ModelException {
        if (!enabled()) {
            return null;
        }
        ModelClient client = model == null ? null : ModelCatalog.commandLineClient(model, modelsFile());
        return new ModelStage(client, dumpPrompts == null ? null : new PromptRecorder(dumpPrompts), promptStyle);
    }

    private Path modelsFile() {
        if (modelsFile != null) {
            return modelsFile;
        }
        String env = System.getenv("TRUCE_MODELS");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("truce-models.yml");
    }

    /** Reads {@code context} or {@code naive}. */
    static final class StyleConverter implements ITypeConverter<PromptStyle> {
        @Override
        public PromptStyle convert(String value) {
            try {
                return PromptStyle.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected 'context' or 'naive', not '" + value + "'");
            }
        }
    }
}
