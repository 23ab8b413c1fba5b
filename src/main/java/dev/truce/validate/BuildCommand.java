package dev.truce.validate;

import java.util.List;

/**
 * A command that checks a resolution, such as {@code ./mvnw -q -o -DskipTests compile}: an argument list run
 * as it is, or a shell script run by {@code /bin/sh -c} (inside the sandbox when there is one).
 *
 * @param argv    the program and its arguments
 * @param display how reports show it: the script for shell commands, the arguments joined otherwise
 */
public record BuildCommand(List<String> argv, String display) {

    public BuildCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("a build command needs a program to run");
        }
    }

    /** A program and its arguments, not interpreted by a shell. */
    public static BuildCommand of(String... argv) {
        return new BuildCommand(List.of(argv), String.join(" ", argv));
    }

    /** A shell script, as {@code .github/truce.yml}'s {@code validation:} lists them. */
    public static BuildCommand shell(String script) {
        if (script.isBlank()) {
            throw new IllegalArgumentException("a build command needs a program to run");
        }
        return new BuildCommand(List.of("/bin/sh", "-c", script), script);
    }

    @Override
    public String toString() {
        return display;
    }
}
