package dev.truce.setup;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.truce.appmode.ConditionalOnSetupMode;
import okhttp3.OkHttpClient;

/** Setup mode's beans: its settings, GitHub's manifest conversion, and the start-up line with the setup link. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSetupMode
class SetupConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SetupConfiguration.class);

    @Bean
    SetupSettings setupSettings(SetupModeSettings settings) {
        return SetupSettings.of(settings);
    }

    @Bean
    ManifestConversion manifestConversion(SetupModeSettings settings) {
        return new ManifestConversion(settings.githubApiUrl(), new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30)).build());
    }

    /** Says where the setup page is, once the main port is known. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> setupLink(SetupSettings settings) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() != null) {
                return; // the management server
            }
            String base = settings.publicUrl() != null ? settings.publicUrl()
                    : "http://localhost:" + event.getWebServer().getPort();
            // The token is the setup page's password for this start only; it is useless once the App is set up.
            log.warn("Truce has no GitHub App credentials, so it serves only the setup page. Open {}/setup?token={}"
                    + " to register the App on {} (or configure truce.github.* as in docs/github-app.md)", base,
                    settings.generated() ? settings.token() : "<truce.setup.token>", settings.githubUrl());
        };
    }
}
