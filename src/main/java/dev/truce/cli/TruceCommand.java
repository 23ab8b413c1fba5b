package dev.truce.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code truce} command: resolves merge conflicts ({@code resolve}) and measures how well ({@code eval}), learns a repository's
 * conventions from its history ({@code calibrate}), and
 * runs the GitHub App ({@code serve}). */
@Command(name = "truce", mixinStandardHelpOptions = true, version = "truce 0.1.0",
        description = "Resolves merge conflicts with precise, explained strategies; declines what it is not sure of.")
public final class TruceCommand implements Callable<Integer> {

    /**
     * The subcommands, in the order the usage lists them. Added programmatically rather than in {@code @Command}:
     * picocli reflects over every option of every subcommand it is given (serve's brings Spring's types), about a
     * quarter of a short run's start, so a run builds only the one it runs.
     */
    private static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("resolve", ResolveCommand.class),
            new Subcommand("eval", EvalCommand.class),
            new Subcommand("calibrate", CalibrateCommand.class),
            new Subcommand("serve", ServeCommand.class));

    /** A subcommand's name and its {@code @Command} class, which picocli instantiates. */
    private record Subcommand(String name, Class<?> type) {
    }

    @Spec
    CommandSpec spec;

    /** Without a subcommand, prints the usage and fails as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INPUT;
    }

    /** The command line with all of Truce's subcommands, ready to {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine line = root();
        SUBCOMMANDS.forEach(sub -> line.addSubcommand(sub.name(), sub.type()));
        return line;
    }

    /**
     * The command line to execute {@code args} with: only the subcommand they name when the first one names one
     * (its usage, errors and exit codes are the same), else all of them (the usage lists them, a mistyped name gets
     * suggestions).
     */
    public static CommandLine commandLine(String... args) {
        if (args.length > 0) {
            for (Subcommand sub : SUBCOMMANDS) {
                if (sub.name().equals(args[0])) {
                    return root().addSubcommand(sub.name(), sub.type());
                }
            }
        }
        return commandLine();
    }

    private static CommandLine root() {
        return new CommandLine(new TruceCommand()).setExecutionExceptionHandler((e, commandLine, parsed) -> {
            // Picocli's default exit code 1 would read as "conflicts left"; an internal fault is 3.
            commandLine.getErr().println("truce: internal error: " + e);
            return ExitCodes.FAILURE;
        });
    }

    /** Runs {@code truce} and exits with its exit code. */
    public static void main(String[] args) {
        SystemGitConfig.locate();
        System.exit(commandLine(args).execute(args));
    }
}
