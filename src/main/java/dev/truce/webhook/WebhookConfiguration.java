package dev.truce.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.truce.server.TruceProperties;

/** The webhook secret, from {@code truce.github.webhook-secret} or the file {@code truce.github.webhook-secret-file}. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    WebhookSignature webhookSignature(TruceProperties properties) throws IOException {
        TruceProperties.GitHub github = properties.github();
        String secret = github.webhookSecret();
        if ((secret == null || secret.isEmpty()) && github.webhookSecretFile() != null) {
            // A trailing newline from `echo secret > file` is not part of the secret GitHub was given.
            secret = Files.readString(github.webhookSecretFile(), StandardCharsets.UTF_8).strip();
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("No webhook secret: set the TRUCE_GITHUB_WEBHOOKSECRET environment variable "
                    + "or truce.github.webhook-secret-file to the secret entered in the GitHub App's settings");
        }
        return new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8));
    }
}
