package dev.truce.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.truce.server.ConditionalOnGitHubApp;
import dev.truce.server.SettingException;
import dev.truce.server.TruceProperties;

/**
 * The webhook secret, from {@code truce.github.webhook-secret} or the file {@code truce.github.webhook-secret-file},
 * and the memory budget all webhook bodies share.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnGitHubApp
class WebhookConfiguration {

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
    BodyBudget webhookBodyBudget(TruceProperties properties) {
        return new BodyBudget(properties.webhook().maxBufferedBytes().toBytes());
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
