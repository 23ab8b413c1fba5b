package dev.truce.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.truce.testing.TruceServerTest;

/** The service as {@code truce serve} starts it: application.properties defaults, H2 file database in the data dir. */
@ExtendWith(OutputCaptureExtension.class)
class TruceServerStartupTest {

    @TempDir
    Path dataDir;

    private SpringApplicationBuilder server() {
        return new SpringApplicationBuilder(TruceServer.class, TruceServerTest.FakeWork.class);
    }

    @Test
    void starts_with_the_documented_defaults_on_an_h2_file_database_in_the_data_dir() throws Exception {
        try (ConfigurableApplicationContext context = server().run("--server.port=0",
                "--truce.data-dir=" + dataDir, "--truce.github.webhook-secret=s3cret", "--logging.level.root=WARN")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Files.exists(dataDir.resolve("truce.mv.db"))).isTrue();
            TruceProperties properties = context.getBean(TruceProperties.class);
            assertThat(properties.storage().cacheDir()).isEqualTo(dataDir.resolve("repos"));
            assertThat(properties.toString()).doesNotContain("s3cret");
            assertThat(properties.github().apiUrl()).isEqualTo("https://api.github.com");
            assertThat(properties.webhook().maxBodyBytes().toBytes()).isEqualTo(5L * 1024 * 1024);
            assertThat(properties.webhook().maxBufferedBytes().toBytes()).isEqualTo(64L * 1024 * 1024);
            assertThat(properties.webhook().rejectionLogInterval()).isEqualTo(java.time.Duration.ofSeconds(60));
            assertThat(properties.jobs().maxRetries()).isEqualTo(5);
            assertThat(properties.limits().maxPullRequestsPerPush()).isEqualTo(20);
            // A job acknowledged to GitHub is on disk at commit: H2's default 500 ms write delay lost rows (the job
            // itself) when the process was killed right after answering the webhook.
            assertThat(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForList(
                    "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'",
                    String.class)).isNotEmpty().containsOnly("0");
        }
    }

    @Test
    void refuses_to_start_without_a_webhook_secret_and_says_how_to_set_one(CapturedOutput output) {
        // Some credentials but not all: the App is meant, and it cannot run. (With none, the setup page runs.)
        assertThatThrownBy(() -> server().run("--server.port=0", "--truce.data-dir=" + dataDir,
                "--truce.github.app-id=123", "--logging.level.root=WARN").close());

        assertShortFailure(output, "No webhook secret", "TRUCE_GITHUB_WEBHOOKSECRET");
    }

    @Test
    void refuses_to_start_without_an_app_id_and_says_how_to_set_it(CapturedOutput output) throws Exception {
        Path key = Files.writeString(dataDir.resolve("app.pem"), "not read: the id is checked first");

        // Without the fake pipeline: the real App's configuration is what checks the id.
        assertThatThrownBy(() -> new SpringApplicationBuilder(TruceServer.class).run("--server.port=0",
                "--truce.data-dir=" + dataDir, "--truce.github.webhook-secret=s3cret",
                "--truce.github.private-key-file=" + key, "--logging.level.root=WARN").close());

        assertShortFailure(output, "The GitHub App id is not set", "TRUCE_GITHUB_APPID");
    }

    @Test
    void refuses_to_start_with_an_unusable_private_key_and_says_what_to_fix(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TruceServer.class).run("--server.port=0",
                "--truce.data-dir=" + dataDir, "--truce.github.webhook-secret=s3cret", "--truce.github.app-id=123",
                "--truce.github.private-key-file=" + dataDir.resolve("missing.pem"), "--logging.level.root=WARN")
                .close());

        assertShortFailure(output, "private key file not found", "TRUCE_GITHUB_PRIVATEKEYFILE");
    }

    @Test
    void refuses_to_start_when_the_webhook_secret_file_cannot_be_read(CapturedOutput output) {
        Path missing = dataDir.resolve("no-such-secret");

        assertThatThrownBy(() -> server().run("--server.port=0", "--truce.data-dir=" + dataDir,
                "--truce.github.webhook-secret-file=" + missing, "--logging.level.root=WARN").close());

        assertShortFailure(output, "Cannot read the webhook secret file " + missing, "TRUCE_GITHUB_WEBHOOKSECRETFILE");
    }

    @Test
    void reads_the_webhook_secret_from_a_file() throws Exception {
        Path secretFile = Files.writeString(dataDir.resolve("webhook-secret"), "from-a-file\n");
        try (ConfigurableApplicationContext context = server().run("--server.port=0",
                "--truce.data-dir=" + dataDir, "--truce.github.webhook-secret-file=" + secretFile,
                "--logging.level.root=WARN")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();

            assertThat(post(port, "from-a-file").statusCode()).isEqualTo(202);
            assertThat(post(port, "from-a-file\n").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void a_secret_file_loses_one_trailing_line_break_and_keeps_its_spaces() throws Exception {
        // Spaces may be part of a secret; only the line break `echo` adds is not.
        Path secretFile = Files.writeString(dataDir.resolve("webhook-secret"), "  spaced secret \r\n");
        try (ConfigurableApplicationContext context = server().run("--server.port=0",
                "--truce.data-dir=" + dataDir, "--truce.github.webhook-secret-file=" + secretFile,
                "--logging.level.root=WARN")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();

            assertThat(post(port, "  spaced secret ").statusCode()).isEqualTo(202);
            assertThat(post(port, "spaced secret").statusCode()).isEqualTo(401);
            assertThat(post(port, "  spaced secret \r").statusCode()).isEqualTo(401);
        }
    }

    /** Start-up ended with Spring Boot's failure report: what is wrong and what to set, and no stack trace. */
    private static void assertShortFailure(CapturedOutput output, String description, String setting) {
        String text = output.getAll();
        assertThat(text).contains("APPLICATION FAILED TO START", description, setting);
        assertThat(text).doesNotContain("\tat ", "Application run failed");
        assertThat(text.lines().count()).as(text).isLessThan(25);
    }

    /** Posts an event Truce ignores, signed with {@code secret}. */
    private static HttpResponse<String> post(int port, String secret) throws Exception {
        byte[] body = "{\"action\":\"created\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                .header("X-GitHub-Event", "star")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
