package dev.truce.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code truce} command: resolves merge conflicts and measures how well it does. */
@Command(name = "truce", mixinStandardHelpOptions = true, version = "truce 0.1.0",
        description = "Resolves merge conflicts precisely, and says which hunks it declined and why.",
        subcommands = {EvalCommand.class})
public final class TruceCommand {

    /** Entry point of {@code java -jar truce.jar}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TruceCommand()).execute(args));
    }
}
