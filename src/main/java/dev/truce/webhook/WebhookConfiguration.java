package dev.truce.webhook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.truce.appmode.ConditionalOnGitHubApp;

/** The memory budget all webhook bodies share ({@code truce.webhook.max-buffered-bytes}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnGitHubApp
class WebhookConfiguration {

    @Bean
    BodyBudget webhookBodyBudget(WebhookSettings settings) {
        return new BodyBudget(settings.maxBufferedBytes().toBytes());
    }
}
