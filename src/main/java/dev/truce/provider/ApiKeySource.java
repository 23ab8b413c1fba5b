package dev.truce.provider;

import dev.truce.llm.ModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a model's API key comes from: the name of an environment variable or the path of a secret file. Only the
 * source is configuration; the key itself is read when a client is built and never logged or printed.
 *
 * @param environmentVariable the variable holding the key, or {@code null}
 * @param secretFile          a file whose content (trimmed) is the key, or {@code null}
 */
public record ApiKeySource(String environmentVariable, Path secretFile) {

    /** No key (local servers). */
    public static final ApiKeySource NONE = new ApiKeySource(null, null);

    public ApiKeySource {
        if (environmentVariable != null && secretFile != null) {
            throw new IllegalArgumentException("give the API key as an environment variable or a file, not both");
        }
    }

    /** A key read from the named environment variable. */
    public static ApiKeySource environment(String variable) {
        return new ApiKeySource(variable, null);
    }

    /** A key read from a secret file (for example a mounted Kubernetes secret). */
    public static ApiKeySource file(Path path) {
        return new ApiKeySource(null, path);
    }

    /**
     * Reads the key.
     *
     * @param environment looks up environment variables ({@code System::getenv} in production)
     * @return the key, or empty when no source is configured
     * @throws ModelException when the configured variable is unset or the file cannot be read (the message names
     *                        the source, never a value)
     */
    public Optional<String> resolve(Function<String, String> environment) throws ModelException {
        if (environmentVariable != null) {
            String value = environment.apply(environmentVariable);
            if (value == null || value.isBlank()) {
                throw new ModelException("the API key environment variable " + environmentVariable
                        + " is not set; export it or configure api-key-file instead");
            }
            return Optional.of(value.trim());
        }
        if (secretFile != null) {
            try {
                String value = Files.readString(secretFile, StandardCharsets.UTF_8).trim();
                if (value.isEmpty()) {
                    throw new ModelException("the API key file " + secretFile + " is empty");
                }
                return Optional.of(value);
            } catch (IOException e) {
                throw new ModelException("cannot read the API key file " + secretFile + ": "
                        + e.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }

    /** Says where the key comes from, never what it is. */
    @Override
    public String toString() {
        if (environmentVariable != null) {
            return "env:" + environmentVariable;
        }
        return secretFile != null ? "file:" + secretFile : "none";
    }
}
