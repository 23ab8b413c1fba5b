package dev.truce.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --dump-prompts DIR}: writes each request as {@code DIR/<fingerprint>.json} with the fields
 * {@code system}, {@code stablePrefix}, {@code content}, {@code hunkIds} and {@code maxOutputTokens}. An answer for
 * it goes in a replay directory under the same name (see {@link ReplayModelClient}).
 */
public final class PromptRecorder {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path dir;

    /** A recorder writing into {@code dir}, created if needed. */
    public PromptRecorder(Path dir) {
        this.dir = dir;
    }

    /** Writes the request; the same request twice is the same file. */
    public Path record(ModelRequest request) {
        ObjectNode node = JSON.createObjectNode();
        node.put("system", request.system());
        node.put("stablePrefix", request.stablePrefix());
        node.put("content", request.content());
        var ids = node.putArray("hunkIds");
        request.hunkIds().forEach(ids::add);
        node.put("maxOutputTokens", request.maxOutputTokens());
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(request.fingerprint() + ".json");
            Path tmp = Files.createTempFile(dir, ".prompt", ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(node) + "\n");
            // Eval threads may write the same request at once: each write is whole.
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the prompt to " + dir + ": " + e.getMessage(), e);
        }
    }
}
