package dev.truce.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;

/**
 * Makes the credentials the setup page stored ({@link StoredCredentials}) settings of {@code truce serve}, with the
 * lowest precedence: anything the operator sets (environment, arguments, application.properties) overrides them.
 * Runs after the configuration files are read, since they may move {@code truce.data-dir}.
 */
public final class StoredCredentialsLoader implements EnvironmentPostProcessor, Ordered {

    /** The property source's name, as it shows in Spring's diagnostics. */
    static final String SOURCE = "truce-setup-stored-github-app";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Only the service reads them: the command line's other commands never start Spring.
        if (!environment.containsProperty("spring.application.name")
                || !"truce".equals(environment.getProperty("spring.application.name"))) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("truce.data-dir", "./truce-data"));
        try {
            Properties stored = new StoredCredentials(dataDir).load();
            if (stored != null) {
                environment.getPropertySources().addLast(new PropertiesPropertySource(SOURCE, stored));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the GitHub App the setup page stored under " + dataDir
                    + "/" + StoredCredentials.FOLDER + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
