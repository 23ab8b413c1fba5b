package dev.truce.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.truce.model.ModelClient;
import dev.truce.model.ModelClientFactory;
import dev.truce.model.ModelException;

/**
 * {@code --model NAME} for the command line: {@code replay:DIR} answers from recordings, any other name comes from
 * the models file (see docs/models.md), read only when a configured model is asked for.
 */
public final class CatalogModelClients implements ModelClientFactory {

    private final Path modelsFile;

    /** Models from {@code modelsFile}; {@code null} when none is configured. */
    public CatalogModelClients(Path modelsFile) {
        this.modelsFile = modelsFile;
    }

    @Override
    public ModelClient create(String name) throws UnknownModelException {
        if (name.startsWith("replay:")) {
            return REPLAY_ONLY.create(name);
        }
        if (modelsFile == null || !Files.isRegularFile(modelsFile)) {
            throw new UnknownModelException("no model named " + name + " is configured: give a models file with"
                    + " --models FILE or TRUCE_MODELS (docs/models.md), or use replay:DIR");
        }
        try {
            return ModelCatalog.load(modelsFile).client(name);
        } catch (IOException e) {
            throw new UnknownModelException("cannot read the models file " + modelsFile + ": " + e.getMessage());
        } catch (ModelException | IllegalArgumentException e) {
            throw new UnknownModelException(modelsFile + ": " + e.getMessage());
        }
    }
}
