package dev.truce.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.truce.github.GitHubCallMetrics;
import dev.truce.llm.ModelRequest;
import dev.truce.observe.ResolutionMetrics;
import dev.truce.provider.ModelCatalog;
import dev.truce.server.TruceServer;
import dev.truce.testing.RecordingPullRequestWork;
import dev.truce.testing.TruceServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/grafana/truce-dashboard.json asks only for series Truce really exposes: the service runs, each kind of
 * meter records once through the real code (a webhook and its job, a GitHub call, a model call, a resolution), and
 * every metric name in the dashboard's queries must be in the scrape of {@code /actuator/prometheus}.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("deploy", "grafana", "truce-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:truce|jvm)_[a-z_]+)\\b");

    @TempDir
    Path dir;

    @Test
    void every_query_of_the_dashboard_names_a_series_the_service_exposes() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            assertThat(panel.path("gridPos").path("w").asInt()).as(panel.path("title").asString()).isPositive();
            assertThat(panel.path("targets")).as(panel.path("title").asString()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asString());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertThat(queried).hasSizeGreaterThan(15);

        Set<String> exposed = scrapeAfterOneOfEach();

        assertThat(exposed).as("series exposed").containsAll(queried);
    }

    private Set<String> scrapeAfterOneOfEach() throws Exception {
        String secret = "s3cret-" + UUID.randomUUID();
        WireMockServer fake = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        fake.start();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TruceServer.class,
                TruceServerTest.FakeWork.class).run("--server.port=0", "--management.server.port=0",
                        "--truce.data-dir=" + dir, "--truce.github.webhook-secret=" + secret,
                        "--truce.jobs.poll-interval=200ms", "--logging.level.root=WARN")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            int management = Integer.parseInt(app.getEnvironment().getProperty("local.management.port"));
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            HttpClient http = HttpClient.newHttpClient();

            // A webhook and the job it queues.
            byte[] body = fixture("/github/webhooks/pull_request_opened.json");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            HttpResponse<String> delivery = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/webhook")).header("X-GitHub-Event", "pull_request")
                    .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                    .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(202);
            RecordingPullRequestWork work = app.getBean(RecordingPullRequestWork.class);
            RecordingPullRequestWork.await(Duration.ofSeconds(30), () -> work.resolved.size() == 1, "the job");

            // A GitHub call, through the interceptor the App's client has.
            fake.stubFor(get("/repos/o/r").willReturn(aResponse().withStatus(200)
                    .withHeader("X-RateLimit-Remaining", "4999").withHeader("X-RateLimit-Resource", "core")));
            new OkHttpClient.Builder().addInterceptor(new GitHubCallMetrics(registry)).build()
                    .newCall(new Request.Builder().url(fake.baseUrl() + "/repos/o/r").build()).execute().close();

            // A model call, through a catalog reporting to the service's registry.
            fake.stubFor(post("/v1/chat/completions").willReturn(okJson(new String(
                    fixture("/llm/openai/success.json"), StandardCharsets.UTF_8))));
            ModelCatalog catalog = ModelCatalog.parse(new StringReader("models:\n  gpt: {provider: openai, base-url: "
                    + fake.baseUrl() + "/v1, model: gpt-4o, prices: {input: 2.5, output: 10}}\n"), "models.yaml",
                    name -> null, Clock.systemUTC()).withMeterRegistry(registry);
            catalog.client("gpt").complete(new ModelRequest("system", "prefix", "<hunk id=\"h1\"/>", List.of("h1"),
                    256));

            // A resolution, as the pipeline reports it.
            ResolutionMetrics resolutions = app.getBean(ResolutionMetrics.class);
            resolutions.file(ResolutionMetrics.FileOutcome.RESOLVED);
            resolutions.hunk(ResolutionMetrics.HunkResult.RESOLVED, "version-bump");
            resolutions.validation(ResolutionMetrics.ValidationResult.PASSED, Duration.ofSeconds(1));

            String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Set<String> names = new TreeSet<>();
            for (String line : scrape.lines().toList()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
            return names;
        } finally {
            fake.stop();
        }
    }

    private static byte[] fixture(String path) throws Exception {
        try (InputStream in = GrafanaDashboardTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
