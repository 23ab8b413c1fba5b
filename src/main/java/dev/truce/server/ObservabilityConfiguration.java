package dev.truce.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.truce.appmode.ConditionalOnGitHubApp;
import dev.truce.observe.MicrometerResolutionMetrics;
import dev.truce.observe.ResolutionMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of the engine's results, for the pipeline ({@link ResolutionMetrics}); the webhook, the jobs, GitHub
 * calls and model calls register their own. All of them are served on the management port at
 * {@code /actuator/prometheus} (docs/operations.md lists them).
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    @ConditionalOnGitHubApp
    ResolutionMetrics resolutionMetrics(MeterRegistry registry) {
        return new MicrometerResolutionMetrics(registry);
    }
}
