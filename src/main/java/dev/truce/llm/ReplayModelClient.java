package dev.truce.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --model replay:DIR}: answers each request from {@code DIR/<fingerprint>.json}, a JSON object
 * <pre>{"answer": "&lt;&lt;&lt;HUNK h0 RESOLVED confidence=high&gt;&gt;&gt;\n...", 
 *  "usage": {"inputTokens": 900, "cachedInputTokens": 0, "outputTokens": 40},   (optional)
 *  "latencyMillis": 1200, "truncated": false, "model": "name"}                    (optional)</pre>
 * A request without a file is answered with a {@link ModelException} "no recorded answer", which declines its hunks.
 */
public final class ReplayModelClient implements ModelClient {

    /** The reason hunks are declined with when their request has no recording. */
    public static final String NO_RECORDING = "no recorded answer";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;

    /** A client replaying the answers in {@code dir}. */
    public ReplayModelClient(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelException {
        Path file = dir.resolve(request.fingerprint() + ".json");
        if (!Files.isRegularFile(file)) {
            throw new ModelException(NO_RECORDING + " (" + file.getFileName() + ")");
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            JsonNode answer = node.get("answer");
            if (answer == null || !answer.isString()) {
                throw new ModelException(file + " has no string field \"answer\"");
            }
            JsonNode u = node.path("usage");
            Usage usage = new Usage(u.path("inputTokens").asLong(0), u.path("cachedInputTokens").asLong(0),
                    u.path("outputTokens").asLong(0));
            return new ModelReply(answer.asString(), node.path("truncated").asBoolean(false), null, usage,
                    Duration.ofMillis(node.path("latencyMillis").asLong(0)),
                    node.path("model").asString("replay"));
        } catch (IOException | JacksonException e) {
            throw new ModelException("cannot read the recorded answer " + file + ": " + e.getMessage(), e);
        }
    }
}
