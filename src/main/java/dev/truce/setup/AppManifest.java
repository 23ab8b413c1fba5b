package dev.truce.setup;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * What Truce asks GitHub to register: a private App with the webhook, permissions and events Truce needs (the same
 * as docs/github-app.md lists for registering it by hand), its redirect back to the setup page, and its name.
 *
 * @param name      the App's name on GitHub (1 to 34 characters)
 * @param publicUrl where GitHub and browsers reach Truce, without a trailing slash
 */
record AppManifest(String name, URI publicUrl) {

    /**
     * Repository permissions: fetch and push the fix branch, open fix PRs, comment and react, check runs (Truce's
     * own, and reading CI's on the fix branch), and reading commit statuses (CI that reports statuses).
     */
    static final Map<String, String> PERMISSIONS = orderedMap("contents", "write", "pull_requests", "write",
            "issues", "write", "checks", "write", "statuses", "read", "metadata", "read");

    /**
     * Events: conflicts appear on pull request updates and base pushes, people ask in comments, and CI reports on
     * fix branches in check suites, check runs and statuses.
     */
    static final List<String> EVENTS = List.of("pull_request", "push", "issue_comment", "check_suite", "check_run",
            "status");

    private static final Pattern ORGANIZATION = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?");

    /**
     * A manifest from what the operator typed.
     *
     * @throws IllegalArgumentException with what to type instead
     */
    static AppManifest of(String name, String publicUrl) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 34) {
            throw new IllegalArgumentException("The App's name must be 1 to 34 characters (GitHub's limit).");
        }
        return new AppManifest(trimmed, publicUrl(publicUrl));
    }

    /** An absolute http(s) URL without query or fragment, with no trailing slash. */
    static URI publicUrl(String text) {
        URI url;
        try {
            url = URI.create(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The public URL is not a URL: give it as https://truce.example.com.");
        }
        if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null
                || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The public URL must be an http(s) address such as"
                    + " https://truce.example.com, without query, fragment or user name.");
        }
        String s = url.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /**
     * The organization to create the App in, or {@code null} for the signed-in user's account.
     *
     * @throws IllegalArgumentException when it is not a GitHub login
     */
    static String organization(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (!ORGANIZATION.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("The organization must be a GitHub login (letters, digits and"
                    + " hyphens, at most 39 characters), or empty for your own account.");
        }
        return trimmed;
    }

    /** {@code <publicUrl>/webhook}. */
    URI webhookUrl() {
        return URI.create(publicUrl + "/webhook");
    }

    /** {@code <publicUrl>/setup/callback}, where GitHub sends the browser back with the code. */
    URI redirectUrl() {
        return URI.create(publicUrl + "/setup/callback");
    }

    /** The manifest as GitHub's "create a GitHub App from a manifest" form field wants it. */
    String json() {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", name);
        manifest.put("url", publicUrl.toString());
        manifest.put("description", "Resolves merge conflicts in pull requests and explains every hunk.");
        manifest.put("hook_attributes", orderedMap("url", webhookUrl().toString(), "active", true));
        manifest.put("redirect_url", redirectUrl().toString());
        manifest.put("public", false);
        manifest.put("default_permissions", PERMISSIONS);
        manifest.put("default_events", EVENTS);
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(manifest);
    }

    private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
