package dev.truce.github;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What GitHub says went wrong in the body of an error answer: its {@code message}, which never echoes credentials. */
public final class GitHubErrorBody {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GitHubErrorBody() {
    }

    /** {@code ": "} and the body's {@code message}, to follow an HTTP status in a sentence; empty when it has none. */
    public static String message(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("message");
            return message.isString() ? ": " + message.asString() : "";
        } catch (JacksonException notJson) {
            return "";
        }
    }
}
