package dev.truce.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Truce's system instructions and answer protocol, kept as the reviewed resource {@code prompts/system.txt}. */
public final class SystemPrompt {

    private static final String TEXT = load();

    private SystemPrompt() {
    }

    /** The system text. */
    public static String text() {
        return TEXT;
    }

    private static String load() {
        try (InputStream in = SystemPrompt.class.getResourceAsStream("/prompts/system.txt")) {
            if (in == null) {
                throw new IllegalStateException("prompts/system.txt is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompts/system.txt", e);
        }
    }
}
