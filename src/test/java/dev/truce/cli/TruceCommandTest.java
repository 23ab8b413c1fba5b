package dev.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class TruceCommandTest {

    @Test
    void a_run_of_one_subcommand_builds_only_that_one() {
        // Picocli reflects over every subcommand it is given; serve's options bring Spring's types into a resolve.
        assertThat(TruceCommand.commandLine("resolve", "--repo", ".").getSubcommands()).containsOnlyKeys("resolve");
        assertThat(TruceCommand.commandLine("eval").getSubcommands()).containsOnlyKeys("eval");
        assertThat(TruceCommand.commandLine("serve", "--help").getSubcommands()).containsOnlyKeys("serve");
    }

    @Test
    void the_usage_and_a_mistyped_name_still_see_every_subcommand() {
        assertThat(TruceCommand.commandLine().getSubcommands().keySet())
                .containsExactly("resolve", "eval", "calibrate", "serve");
        assertThat(TruceCommand.commandLine("--help").getSubcommands()).hasSize(4);
        assertThat(TruceCommand.commandLine().getSubcommands()).hasSize(4);

        CommandRun mistyped = CommandRun.truce("resolv");
        assertThat(mistyped.exitCode()).isEqualTo(2);
        assertThat(mistyped.err()).contains("resolve");
        assertThat(CommandRun.truce("--help").out()).contains("resolve", "eval", "calibrate", "serve");
    }

    @Test
    void a_subcommand_built_alone_has_the_same_usage_as_in_the_whole_command_line() {
        for (String name : new String[] {"resolve", "eval", "calibrate", "serve"}) {
            assertThat(usage(TruceCommand.commandLine(name, "--help"), name))
                    .isEqualTo(usage(TruceCommand.commandLine(), name))
                    .contains("Usage: truce " + name);
        }
    }

    @Test
    void every_usage_renders_without_a_format_warning() {
        // Picocli formats descriptions with String.format and warns on System.err about a bare "98%".
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String name : new String[] {"resolve", "eval", "calibrate", "serve"}) {
                CommandRun help = CommandRun.truce(name, "--help");
                assertThat(help.exitCode()).as(name).isZero();
                assertThat(help.err()).as(name).isEmpty();
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private static String usage(CommandLine line, String subcommand) {
        StringWriter out = new StringWriter();
        line.setOut(new PrintWriter(out, true)).execute(subcommand, "--help");
        return out.toString();
    }
}
