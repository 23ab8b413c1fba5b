package dev.truce.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.util.HtmlUtils;

import dev.truce.server.TruceServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code truce serve} without credentials, end to end over HTTP: the setup page, the manifest it posts to GitHub, the
 * code GitHub sends back exchanged with a fake GitHub (WireMock) for the App, the credentials stored owner-only, and
 * the next start running as that App.
 */
class SetupFlowTest {

    private static final String TOKEN = "setup-token-for-this-test";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeGitHubApps github;
    private ConfigurableApplicationContext truce;

    @BeforeEach
    void fakeGitHub() throws Exception {
        github = new FakeGitHubApps();
    }

    @AfterEach
    void stop() {
        if (truce != null) {
            truce.close();
        }
        github.close();
    }

    private int start(String... extra) {
        String[] base = {"--server.port=0", "--truce.data-dir=" + dataDir, "--truce.github.api-url=" + github.url(),
            "--truce.setup.token=" + TOKEN, "--logging.level.root=WARN"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        truce = new SpringApplicationBuilder(TruceServer.class).run(args);
        return ((WebServerApplicationContext) truce).getWebServer().getPort();
    }

    @Test
    void without_credentials_the_service_serves_the_setup_page_and_its_health_only() throws Exception {
        int port = start();

        assertThat(get(port, "/setup").statusCode()).as("no token").isEqualTo(403);
        assertThat(get(port, "/setup?token=wrong").statusCode()).isEqualTo(403);
        HttpResponse<String> page = get(port, "/setup?token=" + TOKEN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Register Truce as a GitHub App", "name=\"publicUrl\"",
                "value=\"http://127.0.0.1:" + port + "\"");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'",
                "form-action 'self' " + github.url());
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
        assertThat(post(port, "/webhook", "{}").statusCode()).as("no App, no webhooks").isEqualTo(503);
    }

    @Test
    void the_manifest_asks_for_what_truce_needs_and_the_code_becomes_stored_owner_only_credentials()
            throws Exception {
        int port = start();

        HttpResponse<String> review = post(port, "/setup/manifest", form(Map.of("token", TOKEN, "name",
                "Truce for Acme", "publicUrl", "https://truce.acme.example/", "organization", "acme")));
        assertThat(review.statusCode()).isEqualTo(200);
        String action = field(review.body(), "<form method=\"post\" action=\"([^\"]+)\"");
        assertThat(action).startsWith(github.url() + "/organizations/acme/settings/apps/new?state=");
        JsonNode manifest = JsonMapper.builder().build().readTree(field(review.body(),
                "name=\"manifest\" value=\"([^\"]+)\""));
        assertThat(manifest.path("name").asString()).isEqualTo("Truce for Acme");
        assertThat(manifest.path("hook_attributes").path("url").asString())
                .isEqualTo("https://truce.acme.example/webhook");
        assertThat(manifest.path("hook_attributes").path("active").asBoolean()).isTrue();
        assertThat(manifest.path("redirect_url").asString()).isEqualTo("https://truce.acme.example/setup/callback");
        assertThat(manifest.path("public").asBoolean(true)).isFalse();
        assertThat(manifest.path("default_permissions").properties().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asString()))).isEqualTo(Map.of(
                        "contents", "write", "pull_requests", "write", "issues", "write", "checks", "write",
                        "statuses", "read", "metadata", "read"));
        assertThat(manifest.path("default_events").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("pull_request", "push", "issue_comment", "check_suite",
                        "check_run", "status");

        String state = action.substring(action.indexOf("state=") + 6);
        HttpResponse<String> done = get(port, "/setup/callback?code=" + FakeGitHubApps.CODE + "&state=" + state);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("truce-for-acme", "987654",
                "https://github.com/apps/truce-for-acme/installations/new").doesNotContain(github.webhookSecret)
                .doesNotContain("PRIVATE KEY");
        assertThat(github.conversions()).hasSize(1);
        Path folder = dataDir.resolve("github-app");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        for (String file : new String[] {"private-key.pem", "webhook-secret", "app.properties"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(Files.readString(folder.resolve("private-key.pem"))).isEqualTo(github.pem);
        assertThat(Files.readString(folder.resolve("webhook-secret"))).isEqualTo(github.webhookSecret);
        assertThat(Files.readString(folder.resolve("app.properties"))).contains("truce.github.app-id=987654",
                "truce.github.app-slug=truce-for-acme").doesNotContain(github.webhookSecret);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("private-key.pem", "webhook-secret", "app.properties");
        }

        assertThat(get(port, "/setup/callback?code=" + FakeGitHubApps.CODE + "&state=" + state).statusCode())
                .as("a state works once").isEqualTo(400);
        assertThat(github.conversions()).hasSize(1);
        assertThat(get(port, "/setup?token=" + TOKEN).statusCode()).as("registered already").isEqualTo(409);

        // The next start is the App: it answers webhooks signed with the secret GitHub made.
        truce.close();
        int next = start("--truce.github.app-slug=set-by-the-operator");
        assertThat(signedPing(next, github.webhookSecret).statusCode()).isEqualTo(202);
        assertThat(truce.getBean(dev.truce.server.TruceProperties.class).github().appSlug())
                .as("the operator's own settings win over the stored ones").isEqualTo("set-by-the-operator");
        assertThat(get(next, "/setup?token=" + TOKEN).statusCode()).as("no setup page once set up").isEqualTo(404);
    }

    @Test
    void a_callback_without_a_state_issued_here_is_refused_and_nothing_is_exchanged() throws Exception {
        int port = start();

        assertThat(get(port, "/setup/callback?code=" + FakeGitHubApps.CODE + "&state=made-up").statusCode())
                .isEqualTo(400);
        assertThat(get(port, "/setup/callback?code=" + FakeGitHubApps.CODE).statusCode()).isEqualTo(400);

        assertThat(github.conversions()).isEmpty();
        assertThat(dataDir.resolve("github-app")).doesNotExist();
    }

    @Test
    void bad_input_gets_the_form_again_with_what_to_fix() throws Exception {
        int port = start();

        HttpResponse<String> page = post(port, "/setup/manifest", form(Map.of("token", TOKEN, "name", "Truce",
                "publicUrl", "ftp://truce.example", "organization", "")));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(HtmlUtils.htmlUnescape(page.body())).contains("must be an http(s) address");
        assertThat(post(port, "/setup/manifest", form(Map.of("token", "wrong", "name", "Truce", "publicUrl",
                "https://truce.example"))).statusCode()).isEqualTo(403);
    }

    @Test
    void with_store_show_the_credentials_are_shown_once_and_nothing_is_written() throws Exception {
        int port = start("--truce.setup.store=show");

        HttpResponse<String> review = post(port, "/setup/manifest", form(Map.of("token", TOKEN, "name", "Truce",
                "publicUrl", "https://truce.acme.example")));
        String action = field(review.body(), "<form method=\"post\" action=\"([^\"]+)\"");
        assertThat(action).startsWith(github.url() + "/settings/apps/new?state=");
        HttpResponse<String> done = get(port, "/setup/callback?code=" + FakeGitHubApps.CODE + "&state="
                + action.substring(action.indexOf("state=") + 6));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(HtmlUtils.htmlUnescape(done.body())).contains(github.webhookSecret, "BEGIN RSA PRIVATE KEY",
                "TRUCE_GITHUB_APPID=987654");
        assertThat(dataDir.resolve("github-app")).doesNotExist();
    }

    @Test
    void partly_configured_credentials_still_refuse_to_start() {
        // An app id alone is the App without its key: start-up fails (MissingAppKeyFailureAnalyzer says what to set).
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--truce.github.app-id=42"))
                .hasStackTraceContaining("PullRequestWork");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", body.startsWith("{") ? "application/json"
                        : "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signedPing(int port, String secret) throws Exception {
        byte[] body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                .header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String field(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as("%s in %s", regex, html).isTrue();
        return HtmlUtils.htmlUnescape(m.group(1));
    }
}
