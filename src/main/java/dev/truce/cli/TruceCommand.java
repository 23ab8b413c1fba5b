package dev.truce.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code truce} command: resolves merge conflicts ({@code resolve}) and measures how well ({@code eval}), learns a repository's
 * conventions from its history ({@code calibrate}), and
 * runs the GitHub App ({@code serve}). */
@Command(name = "truce", mixinStandardHelpOptions = true, version = "truce 0.1.0",
        description = "Resolves merge conflicts with precise, explained strategies; declines what it is not sure of.",
        subcommands = {
            ResolveCommand.class,
            EvalCommand.class,
            CalibrateCommand.class,
            ServeCommand.class,
        })
public final class TruceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand, prints the usage and fails as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INPUT;
    }

    /** The command line with Truce's subcommands, ready to {@code execute}. */
    public static CommandLine commandLine() {
        return new CommandLine(new TruceCommand()).setExecutionExceptionHandler((e, commandLine, parsed) -> {
            // Picocli's default exit code 1 would read as "conflicts left"; an internal fault is 3.
            commandLine.getErr().println("truce: internal error: " + e);
            return ExitCodes.FAILURE;
        });
    }

    /** Runs {@code truce} and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
