package dev.truce.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.truce.server.TruceServer;
import tools.jackson.databind.JsonNode;

/**
 * The setup page in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs): a person
 * opens the link from the log, changes the public URL, reviews, clicks "Create", GitHub (WireMock) takes the posted
 * manifest and sends the browser back, and the page says what was registered and where to install it.
 */
class SetupPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "browser-test-token";

    @TempDir
    Path dataDir;

    @TempDir
    Path profile;

    private ConfigurableApplicationContext truce;
    private FakeGitHubApps github;
    private WebDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (truce != null) {
            truce.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void a_person_registers_the_app_in_the_browser_and_is_told_to_install_it() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        // CI installs them (.ci/run), so there the test runs or fails; elsewhere it needs them installed.
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "Debian's chromium and chromium-driver are not installed");
        }
        github = new FakeGitHubApps();
        truce = new SpringApplicationBuilder(TruceServer.class).run("--server.port=0", "--truce.data-dir=" + dataDir,
                "--truce.github.api-url=" + github.url(), "--truce.setup.token=" + TOKEN, "--logging.level.root=WARN");
        int port = ((WebServerApplicationContext) truce).getWebServer().getPort();
        String base = "http://127.0.0.1:" + port;
        github.redirectingTo(base);
        browser = chromium();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(base + "/setup?token=" + TOKEN);
        assertThat(browser.getTitle()).isEqualTo("Register Truce as a GitHub App");
        WebElement name = browser.findElement(By.id("name"));
        name.clear();
        name.sendKeys("Truce for Acme");
        WebElement publicUrl = browser.findElement(By.id("publicUrl"));
        assertThat(publicUrl.getAttribute("value")).as("defaults to where the page was opened").isEqualTo(base);
        // GitHub's redirect must reach this Truce: the address the browser uses is the right one here.
        browser.findElement(By.id("organization")).sendKeys("acme");
        browser.findElement(By.id("review")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("manifest")));
        assertThat(browser.findElement(By.id("manifest")).getText()).contains("\"checks\" : \"write\"",
                base + "/webhook");
        browser.findElement(By.id("submit")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("slug")));
        screenshot(Path.of("target", "setup-page-done.png"));
        assertThat(browser.findElement(By.id("slug")).getText()).isEqualTo("truce-for-acme");
        assertThat(browser.findElement(By.id("app-id")).getText()).isEqualTo("987654");
        assertThat(browser.findElement(By.id("install")).getAttribute("href"))
                .isEqualTo("https://github.com/apps/truce-for-acme/installations/new");
        List<JsonNode> posted = github.postedManifests();
        assertThat(posted).singleElement().satisfies(manifest -> {
            assertThat(manifest.path("name").asString()).isEqualTo("Truce for Acme");
            assertThat(manifest.path("hook_attributes").path("url").asString()).isEqualTo(base + "/webhook");
            assertThat(manifest.path("redirect_url").asString()).isEqualTo(base + "/setup/callback");
        });
        assertThat(github.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/organizations/acme/settings/apps/new")))).hasSize(1);
        assertThat(github.conversions()).hasSize(1);
        assertThat(Files.readString(dataDir.resolve("github-app/webhook-secret"))).isEqualTo(github.webhookSecret);
    }

    private WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root on a closed network (/work/.library/env/machines/java-maven.md, "Known to work").
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
