package dev.truce.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.truce.appmode.ConditionalOnSetupMode;
import dev.truce.setup.SetupModeSettings;

/** What setup mode takes from the settings, as its own record, so that {@code setup} does not read them. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSetupMode
class SetupSettingsConfiguration {

    @Bean
    SetupModeSettings setupModeSettings(TruceProperties properties) {
        TruceProperties.Setup setup = properties.setup();
        return new SetupModeSettings(setup.publicUrl(), setup.githubUrl(), "show".equals(setup.store()),
                setup.token(), properties.github().apiUrl(), properties.dataDir());
    }
}
