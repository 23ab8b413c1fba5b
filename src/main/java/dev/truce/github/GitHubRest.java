package dev.truce.github;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Single REST requests for the calls where hub4j would make several (it loads the repository, the issue or each
 * listed pull request first) or drops a field Truce needs (the permission's {@code role_name}). Same headers, error
 * mapping and bounded rate-limit waits as the hub4j client.
 */
final class GitHubRest {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int ATTEMPTS = 3;

    private final HttpUrl apiBase;
    private final OkHttpClient http;
    private final RateLimitWait rateLimits;
    private final JsonMapper json = JsonMapper.builder().build();

    GitHubRest(String apiBase, OkHttpClient http, RateLimitWait rateLimits) {
        this.apiBase = HttpUrl.get(apiBase);
        this.http = http;
        this.rateLimits = rateLimits;
    }

    /** {@code apiBase/segments...}; each segment is %-encoded, slashes inside one split it (for {@code heads/a/b}). */
    HttpUrl.Builder url(String... segments) {
        HttpUrl.Builder url = apiBase.newBuilder();
        for (String segment : segments) {
            url.addPathSegments(segment);
        }
        return url;
    }

    /** Sends a request and returns the parsed JSON body (a missing node for 204). */
    JsonNode send(String method, HttpUrl url, String authorization, Map<String, ?> body) throws GitHubException {
        return sendAllowingNotFound(method, url, authorization, body).orElseThrow(() -> new GitHubHttpException(
                "GitHub " + method + " " + url.encodedPath() + " failed: HTTP 404 Not Found", 404, null));
    }

    /** Like {@link #send}, but a 404 is an empty result instead of a failure. */
    Optional<JsonNode> sendAllowingNotFound(String method, HttpUrl url, String authorization, Map<String, ?> body)
            throws GitHubException {
        return exchange(method, url, authorization, body).map(Answer::json);
    }

    /**
     * One page of a listing: its JSON and the number of the last page from the {@code Link} header (1 when there is
     * no other page), or empty for a 404.
     */
    Optional<Page> page(HttpUrl url, String authorization) throws GitHubException {
        return exchange("GET", url, authorization, null).map(a -> new Page(a.json(), lastPage(a.link())));
    }

    /** A page of a listing and how many pages the listing has. */
    record Page(JsonNode json, int lastPage) {
    }

    private record Answer(JsonNode json, String link) {
    }

    /** {@code page=N} of the {@code rel="last"} link; the link itself is not followed, only its number read. */
    static int lastPage(String link) {
        if (link == null) {
            return 1;
        }
        for (String part : link.split(",")) {
            Matcher m = LAST_PAGE.matcher(part);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 1;
    }

    private static final Pattern LAST_PAGE = Pattern.compile("[?&]page=([0-9]{1,6})[^>]*>\\s*;\\s*rel=\"last\"");

    private Optional<Answer> exchange(String method, HttpUrl url, String authorization, Map<String, ?> body)
            throws GitHubException {
        String what = "GitHub " + method + " " + url.encodedPath();
        RequestBody requestBody = body == null ? null : RequestBody.create(json.writeValueAsString(body), JSON);
        Request request = new Request.Builder().url(url).method(method, requestBody)
                .header("Authorization", authorization)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .build();
        for (int attempt = 1; ; attempt++) {
            try (Response response = http.newCall(request).execute()) {
                int status = response.code();
                String text = response.body() == null ? "" : response.body().string();
                if (status == 404) {
                    return Optional.empty();
                }
                if (RateLimitWait.isRateLimited(status, response::header)) {
                    if (attempt >= ATTEMPTS) {
                        throw new GitHubException(what + ": still rate limited after " + attempt + " attempts", true,
                                null);
                    }
                    rateLimits.awaitOrGiveUp(response::header);
                    continue;
                }
                if (status >= 300) {
                    throw new GitHubHttpException(what + " failed: HTTP " + status + GitHubErrorBody.message(text),
                            status, null);
                }
                return Optional.of(new Answer(text.isBlank() ? json.missingNode() : json.readTree(text),
                        response.header("Link")));
            } catch (RateLimitWait.RateLimitedException e) {
                throw new GitHubException(what + ": " + e.getMessage(), true, e);
            } catch (IOException e) {
                throw new GitHubException(what + " failed: " + e, true, e);
            } catch (JacksonException e) {
                throw new GitHubException(what + " returned a body that is not JSON", false, e);
            }
        }
    }
}
