package dev.truce.setup;

import java.io.IOException;
import java.util.regex.Pattern;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.truce.github.GitHubErrorBody;

/**
 * {@code POST /app-manifests/{code}/conversions}: GitHub's last step of the manifest flow, which needs no
 * authentication (the one-hour code is the proof) and answers 201 with the App's id, slug, private key ({@code pem})
 * and webhook secret.
 */
final class ManifestConversion {

    /** GitHub's codes are short hex or word characters; anything else is not sent anywhere. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final HttpUrl apiBase;
    private final OkHttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    ManifestConversion(String apiUrl, OkHttpClient http) {
        this.apiBase = HttpUrl.get(apiUrl);
        this.http = http;
    }

    /** Exchanges the code GitHub redirected the browser back with for the new App. */
    RegisteredApp convert(String code) throws ManifestConversionException {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new ManifestConversionException("GitHub's redirect carried no usable code; start again at /setup.",
                    null);
        }
        HttpUrl url = apiBase.newBuilder().addPathSegment("app-manifests").addPathSegment(code)
                .addPathSegment("conversions").build();
        Request request = new Request.Builder().url(url).post(RequestBody.create(new byte[0]))
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
                .build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (response.code() != 201 && response.code() != 200) {
                throw new ManifestConversionException("GitHub refused the manifest code (HTTP " + response.code()
                        + GitHubErrorBody.message(body) + "). Codes expire after an hour and work once: start again"
                        + " at /setup.", null);
            }
            JsonNode app = json.readTree(body);
            long id = app.path("id").asLong(0);
            String slug = app.path("slug").asString("");
            String pem = app.path("pem").asString("");
            String secret = app.path("webhook_secret").asString("");
            if (id <= 0 || slug.isEmpty() || !pem.contains("PRIVATE KEY") || secret.isEmpty()) {
                throw new ManifestConversionException("GitHub's answer lacks the App's id, slug, private key or"
                        + " webhook secret; register the App by hand (docs/github-app.md).", null);
            }
            return new RegisteredApp(id, slug, app.path("name").asString(slug),
                    app.path("owner").path("login").asString(""), app.path("html_url").asString(""), pem, secret);
        } catch (IOException e) {
            throw new ManifestConversionException("Could not reach GitHub at " + apiBase + " (" + e.getMessage()
                    + "); check truce.github.api-url and the network, then start again at /setup.", e);
        } catch (JacksonException e) {
            throw new ManifestConversionException("GitHub's answer is not JSON; check truce.github.api-url.", e);
        }
    }
}
