package dev.truce.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import dev.truce.server.TruceServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code truce serve}: runs the GitHub App service (webhook endpoint and job workers) until the process is stopped.
 * Only this command starts Spring; {@code resolve} and {@code eval} stay plain.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the GitHub App: receives webhooks and resolves conflicted pull requests.",
            "Configuration: truce.* properties (environment, application.properties, or further "
                    + "--name=value arguments, passed to Spring Boot); see docs/github-app.md."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded database and the repository cache live (default ./truce-data).")
    Path dataDir;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        List<String> args = new ArrayList<>(springArguments);
        if (port != null) {
            args.add("--server.port=" + port);
        }
        if (dataDir != null) {
            args.add("--truce.data-dir=" + dataDir.toAbsolutePath());
        }
        ConfigurableApplicationContext context;
        try {
            context = TruceServer.start(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            // Spring Boot has already printed what failed and what to do about it.
            spec.commandLine().getErr().println("truce serve: the service did not start (see above)");
            return ExitCodes.FAILURE;
        }
        // main() exits the JVM when call() returns: wait until Spring shuts down (SIGTERM, Ctrl-C).
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (context.isActive()) {
            closed.await();
        }
        return ExitCodes.OK;
    }
}
