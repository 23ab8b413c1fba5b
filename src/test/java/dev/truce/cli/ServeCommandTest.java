package dev.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServeCommandTest {

    @Test
    void serve_is_a_subcommand_with_port_and_data_dir() {
        CommandRun help = CommandRun.truce("serve", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--port=N", "--data-dir=DIR");
        assertThat(CommandRun.truce("--help").out()).contains("serve");
    }
}
