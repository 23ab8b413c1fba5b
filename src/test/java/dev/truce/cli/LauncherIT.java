package dev.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/truce runs the build's jar with the class data sharing archive the build made (src/build/cds-archive.sh), and
 * its output is Truce's alone. Runs after package, on the built jar.
 */
class LauncherIT {

    @TempDir
    Path dir;

    @Test
    void theLauncherStartsWithTheArchiveTheBuildMade() throws Exception {
        assertThat(Path.of("target/truce-cds/truce.jsa")).exists();
        // -Xshare:on makes the JVM fail instead of quietly starting without the archive when it cannot map it.
        Run run = run(List.of("sh", "bin/truce", "--version"), "-Xshare:on");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("truce 0.1.0\n");
    }

    @Test
    void theLauncherOfACommandLineRunIsTheSameCommand() throws Exception {
        Run run = run(List.of("sh", "bin/truce", "resolve", "--no-such-option"), "");

        assertThat(run.status()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("--no-such-option");
    }

    private Run run(List<String> command, String javaOpts) throws Exception {
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
        builder.environment().put("JAVA_OPTS", javaOpts);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/truce finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
