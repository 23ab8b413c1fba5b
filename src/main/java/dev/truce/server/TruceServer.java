package dev.truce.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The GitHub App service started by {@code truce serve}: the webhook endpoint and the job workers, on the database
 * configured in {@code application.properties}. The command line's other commands never start it.
 */
// Only the packages with components are scanned: scanning reads every class file below the packages it is given, and
// the engine's hundreds of classes have none (ArchitectureTest keeps it so), about a tenth of the start's work.
@SpringBootApplication(scanBasePackages = {"dev.truce.server", "dev.truce.webhook", "dev.truce.jobs", "dev.truce.setup"})
@EnableConfigurationProperties(TruceProperties.class)
@EnableScheduling
public class TruceServer {

    /** Starts the service with Spring Boot's usual argument handling ({@code --server.port=...}). */
    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(TruceServer.class, args);
    }

    /** Starts the service; {@code truce serve} is the usual way in. */
    public static void main(String[] args) {
        start(args);
    }
}
