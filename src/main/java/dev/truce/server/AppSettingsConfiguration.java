package dev.truce.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.truce.appmode.ConditionalOnGitHubApp;
import dev.truce.jobs.CalibrationSchedule;
import dev.truce.jobs.JobQueueSettings;
import dev.truce.publish.AppIdentity;
import dev.truce.webhook.WebhookSettings;
import dev.truce.webhook.WebhookSignature;

/**
 * What the App's packages take from the settings, each as a record of its own so that none of them reads
 * {@link TruceProperties}: the webhook's limits ({@code truce.webhook.*}) and secret (from
 * {@code truce.github.webhook-secret} or the file {@code truce.github.webhook-secret-file}), the job queue's
 * settings, and who the App is on GitHub.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnGitHubApp
class AppSettingsConfiguration {

    private static final String SET_A_SECRET = "Set the TRUCE_GITHUB_WEBHOOKSECRET environment variable, or"
            + " truce.github.webhook-secret-file (TRUCE_GITHUB_WEBHOOKSECRETFILE) to a file holding it, to the secret"
            + " entered in the GitHub App's settings; see docs/github-app.md.";

    @Bean
    WebhookSignature webhookSignature(TruceProperties properties) throws SettingException {
        TruceProperties.GitHub github = properties.github();
        String secret = github.webhookSecret();
        if ((secret == null || secret.isEmpty()) && github.webhookSecretFile() != null) {
            secret = readSecretFile(github.webhookSecretFile());
            if (secret.isEmpty()) {
                throw new SettingException("The webhook secret file " + github.webhookSecretFile() + " is empty.",
                        SET_A_SECRET);
            }
        }
        if (secret == null || secret.isEmpty()) {
            throw new SettingException("No webhook secret, so Truce cannot check that webhooks come from GitHub.",
                    SET_A_SECRET);
        }
        return new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Bean
    WebhookSettings webhookSettings(TruceProperties properties) {
        return properties.webhook();
    }

    /** Who the App is on GitHub: its slug (for {@code @slug resolve}) and its bot user. */
    @Bean
    AppIdentity appIdentity(TruceProperties properties) {
        return new AppIdentity(properties.github().appSlug(), properties.github().botUserId());
    }

    /** What the job queue takes from the settings (its own record, so {@code jobs} does not read this package's). */
    @Bean
    JobQueueSettings jobQueueSettings(TruceProperties properties) {
        TruceProperties.Calibration calibration = properties.calibration();
        return new JobQueueSettings(properties.jobs(), properties.limits().maxPullRequestsPerPush(),
                new CalibrationSchedule(calibration.enabled(), calibration.interval()));
    }

    /**
     * The file's text without one trailing line break: {@code echo secret > file} adds one that is not part of the
     * secret GitHub was given. Anything else, spaces included, may be part of a secret and stays.
     */
    static String readSecretFile(Path file) throws SettingException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SettingException("Cannot read the webhook secret file " + file + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ").", SET_A_SECRET, e);
        }
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }
}
