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

    @Test
    void a_service_that_cannot_start_fails_with_the_internal_error_code(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dataDir) {
        // An app id but no webhook secret: Spring Boot reports why, and truce serve exits instead of hanging.
        CommandRun run = CommandRun.truce("serve", "--port", "0", "--data-dir", dataDir.toString(),
                "--truce.github.app-id=1", "--management.server.port=0", "--logging.level.root=OFF");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("did not start");
    }
}
