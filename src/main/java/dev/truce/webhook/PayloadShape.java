package dev.truce.webhook;

import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * What a signed payload must look like for the event its {@code X-GitHub-Event} header names, for the events Truce
 * acts on: the header is not signed, so a body of one event sent as another is refused (400) rather than half read,
 * and so are numbers and names no GitHub payload has (a pull request number of -7, an owner of {@code ..}).
 * Fields an event may lack (no installation: a repository webhook, not the App's) are left to the router, which
 * ignores such events.
 */
final class PayloadShape {

    /** Longest {@code ref} of a push: keeps the job's identity within its column, far above real branch names. */
    static final int MAX_REF_LENGTH = 512;
    /** GitHub's owner and repository names: letters, digits, {@code .}, {@code -}, {@code _}; at most 100. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private PayloadShape() {
    }

    /** Refuses a payload that is not the shape of {@code event}; any payload of other events passes. */
    static void check(String event, JsonNode payload) throws RejectedDelivery {
        switch (event) {
            case "pull_request" -> {
                JsonNode pr = object(payload, "pull_request", event);
                int number = positiveInt(pr.path("number"), "pull_request.number", event);
                if (payload.has("number") && positiveInt(payload.path("number"), "number", event) != number) {
                    throw wrong(event, "number and pull_request.number differ");
                }
                repository(payload, event);
                installation(payload, event);
            }
            case "issue_comment" -> {
                positiveInt(object(payload, "issue", event).path("number"), "issue.number", event);
                positiveLong(object(payload, "comment", event).path("id"), "comment.id", event);
                repository(payload, event);
                installation(payload, event);
            }
            case "push" -> {
                JsonNode ref = payload.path("ref");
                if (!ref.isString() || ref.asString().isEmpty() || ref.asString().length() > MAX_REF_LENGTH) {
                    throw wrong(event, "ref must be a string of 1 to " + MAX_REF_LENGTH + " characters");
                }
                repository(payload, event);
                installation(payload, event);
            }
            case "check_suite", "check_run" -> {
                JsonNode check = object(payload, event, event);
                sha(check.path("head_sha"), event + ".head_sha", event);
                repository(payload, event);
                installation(payload, event);
            }
            case "status" -> {
                sha(payload.path("sha"), "sha", event);
                if (!payload.path("branches").isMissingNode() && !payload.path("branches").isArray()) {
                    throw wrong(event, "branches must be an array");
                }
                repository(payload, event);
                installation(payload, event);
            }
            case "installation", "installation_repositories" -> {
                object(payload, "installation", event);
                installation(payload, event);
            }
            default -> {
                // Events Truce does not act on are acknowledged and ignored, whatever they hold.
            }
        }
    }

    private static JsonNode object(JsonNode payload, String field, String event) throws RejectedDelivery {
        JsonNode node = payload.path(field);
        if (!node.isObject()) {
            throw wrong(event, field + " must be an object");
        }
        return node;
    }

    private static int positiveInt(JsonNode node, String field, String event) throws RejectedDelivery {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
            throw wrong(event, field + " must be a positive integer");
        }
        return node.intValue();
    }

    private static long positiveLong(JsonNode node, String field, String event) throws RejectedDelivery {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw wrong(event, field + " must be a positive integer");
        }
        return node.longValue();
    }

    private static void sha(JsonNode node, String field, String event) throws RejectedDelivery {
        if (!node.isString() || !node.asString().matches("[0-9a-f]{40}")) {
            throw wrong(event, field + " must be a full commit id");
        }
    }

    private static void installation(JsonNode payload, String event) throws RejectedDelivery {
        if (payload.has("installation")) {
            positiveLong(object(payload, "installation", event).path("id"), "installation.id", event);
        }
    }

    private static void repository(JsonNode payload, String event) throws RejectedDelivery {
        if (!payload.has("repository")) {
            return;
        }
        JsonNode repository = object(payload, "repository", event);
        name(repository.path("name"), "repository.name", event);
        name(repository.path("owner").path("login"), "repository.owner.login", event);
        JsonNode fullName = repository.path("full_name");
        if (!fullName.isMissingNode()) {
            String[] parts = fullName.isString() ? fullName.asString().split("/", -1) : new String[0];
            if (parts.length != 2 || !isName(parts[0]) || !isName(parts[1])) {
                throw wrong(event, "repository.full_name must be owner/name");
            }
        }
    }

    private static void name(JsonNode node, String field, String event) throws RejectedDelivery {
        if (!node.isMissingNode() && !(node.isString() && isName(node.asString()))) {
            throw wrong(event, field + " must be a GitHub name (letters, digits, . - _; at most 100)");
        }
    }

    private static boolean isName(String name) {
        // "." and ".." would be paths, not names, wherever a name becomes part of one.
        return NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    private static RejectedDelivery wrong(String event, String what) {
        return new RejectedDelivery(RejectedDelivery.Reason.PAYLOAD, "not a " + event + " payload: " + what);
    }
}
