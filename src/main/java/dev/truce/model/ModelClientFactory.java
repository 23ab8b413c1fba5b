package dev.truce.model;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a {@code --model NAME} into a client. The default knows only {@code replay:DIR}; the provider catalog
 * plugs in its named models by implementing this and delegating {@code replay:} to {@link #REPLAY_ONLY}.
 */
@FunctionalInterface
public interface ModelClientFactory {

    /** Knows {@code replay:DIR} and nothing else. */
    ModelClientFactory REPLAY_ONLY = name -> {
        if (name.startsWith("replay:")) {
            Path dir = Path.of(name.substring("replay:".length()));
            if (!Files.isDirectory(dir)) {
                throw new UnknownModelException("replay directory " + dir + " does not exist");
            }
            return new ReplayModelClient(dir);
        }
        throw new UnknownModelException("no model named " + name + " is configured (available: replay:DIR)");
    };

    /**
     * The client for {@code name}.
     *
     * @throws UnknownModelException when no such model is configured; the message says so for the user
     */
    ModelClient create(String name) throws UnknownModelException;

    /** A {@code --model} name that no configured model answers to. */
    class UnknownModelException extends Exception {
        /** The failure with its message for the user. */
        public UnknownModelException(String message) {
            super(message);
        }
    }
}
