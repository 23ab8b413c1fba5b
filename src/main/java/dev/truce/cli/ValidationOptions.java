package dev.truce.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.truce.engine.BuildValidator;
import dev.truce.engine.FileResolver;
import dev.truce.validate.BubblewrapSandbox;
import dev.truce.validate.BuildCommand;
import dev.truce.validate.BuildEnvironment;
import dev.truce.validate.BuildLimits;
import dev.truce.validate.BuildRunner;
import dev.truce.validate.CheckoutLimits;
import dev.truce.validate.SandboxSettings;
import dev.truce.validate.SandboxUnavailableException;
import dev.truce.validate.UnsandboxedRunner;
import picocli.CommandLine.Option;

/** How {@code truce resolve} checks a resolution by building it, and how many repair rounds the model gets. */
final class ValidationOptions {

    @Option(names = "--validate", paramLabel = "CMD",
            description = "Build the resolved merge with this shell command (repeatable, run in order) on a temporary"
                    + " checkout of the merged tree, never your work tree; errors in resolved hunks go back to the"
                    + " model (with --model), and nothing is written unless every command passes."
                    + " Example: --validate './mvnw -q -o -DskipTests compile'")
    List<String> commands = new ArrayList<>();

    @Option(names = "--no-sandbox",
            description = "Run --validate commands without the bubblewrap sandbox (with your rights and network)."
                    + " By default they run in it: no network, only the checkout writable, your home unreadable.")
    boolean noSandbox;

    @Option(names = "--sandbox-read", paramLabel = "DIR",
            description = "A folder the sandboxed build may read (repeatable), e.g. ~/.m2/repository for an offline"
                    + " Maven build.")
    List<Path> readable = new ArrayList<>();

    @Option(names = "--build-timeout", paramLabel = "DURATION", defaultValue = "PT15M",
            description = "Kill a --validate command (and all it started) after this long, ISO-8601 (PT5M)."
                    + " Default: ${DEFAULT-VALUE}")
    Duration buildTimeout;

    @Option(names = "--repair-rounds", paramLabel = "N", defaultValue = "" + FileResolver.DEFAULT_REPAIR_ROUNDS,
            description = "How often the model may answer again after its answer (or a strategy's) failed a check or"
                    + " the build. Default: ${DEFAULT-VALUE}")
    int repairRounds;

    /**
     * The build, or {@code null} without {@code --validate}.
     *
     * @throws IllegalArgumentException when the options cannot work (the sandbox is unavailable, a bad value)
     */
    BuildValidator validator() {
        if (repairRounds < 0) {
            throw new IllegalArgumentException("--repair-rounds must not be negative, not " + repairRounds);
        }
        if (commands.isEmpty()) {
            if (noSandbox || !readable.isEmpty()) {
                throw new IllegalArgumentException("--no-sandbox and --sandbox-read go with --validate");
            }
            return null;
        }
        BuildLimits limits = BuildLimits.DEFAULTS.withWallTime(buildTimeout);
        BuildRunner runner;
        if (noSandbox) {
            runner = new UnsandboxedRunner(limits, BuildEnvironment.clean());
        } else {
            try {
                runner = BubblewrapSandbox.create(SandboxSettings.defaults().withLimits(limits)
                        .withPaths(readable.stream().map(p -> p.toAbsolutePath().normalize()).toList(), List.of()));
            } catch (SandboxUnavailableException e) {
                throw new IllegalArgumentException("the build sandbox is unavailable: " + e.getMessage()
                        + "; install bubblewrap, or pass --no-sandbox to build without it");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalArgumentException("interrupted while trying the build sandbox");
            }
        }
        return new BuildValidator(runner, commands.stream().map(BuildCommand::shell).toList(),
                CheckoutLimits.DEFAULTS);
    }
}
