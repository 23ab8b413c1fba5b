package dev.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/truce runs the build's jar with the archive the build made for its java (src/build/cds-archive.sh), and its
 * output is Truce's alone. Runs after package, on the built jar; the AOT caches of JDK 24 and later are made and
 * checked when such a JDK is on the machine ({@code TRUCE_AOT_JAVA_HOME}, else one under /usr/lib/jvm).
 */
class LauncherIT {

    @TempDir
    Path dir;

    @Test
    void theLauncherStartsWithTheArchiveTheBuildMade() throws Exception {
        // Whichever kind the build's JDK made (truce.jsa on 17-23, the AOT caches on 24+): Truce's own classes come
        // from it ("shared objects file" in the JVM's class loading log).
        assertThat(Path.of("target/truce-cds/java")).exists();
        Path log = dir.resolve("classes.log");
        Run run = run(List.of("sh", "bin/truce", "--version"), "-Xlog:class+load=info:file=" + log);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("truce 0.1.0\n");
        assertThat(run.err()).isEmpty();
        assertThat(Files.readString(log)).contains("dev.truce.cli.TruceCommand source: shared objects file");
    }

    @Test
    void theLauncherOfACommandLineRunIsTheSameCommand() throws Exception {
        Run run = run(List.of("sh", "bin/truce", "resolve", "--no-such-option"), "");

        assertThat(run.status()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("--no-such-option");
    }

    @Test
    void onAJdkWithAotCachesTheLauncherStartsEachKindOfRunWithItsOwn() throws Exception {
        Optional<Path> jdk = aotJdk();
        assumeTrue(jdk.isPresent(), "no JDK 24 or later on this machine (TRUCE_AOT_JAVA_HOME)");
        // A copy of the checkout's layout, so that the build's own archive (for the JDK running the build) stays.
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("target"));
        Files.copy(Path.of("bin/truce"), home.resolve("bin/truce"));
        Files.copy(Path.of("target/truce.jar"), home.resolve("target/truce.jar"));
        Map<String, String> env = Map.of("JAVA_HOME", jdk.get().toString());

        Run made = run(List.of("sh", "src/build/cds-archive.sh", home.resolve("target").toString()), env, 600);

        Path cds = home.resolve("target/truce-cds");
        assertThat(made.status()).as(made.err()).isZero();
        assertThat(cds.resolve("cli.aot")).as(made.out() + made.err()).exists();
        assertThat(cds.resolve("serve.aot")).exists();
        assertThat(cds.resolve("truce.jsa")).doesNotExist();
        assertThat(Files.readString(cds.resolve("java")).strip())
                .isEqualTo(jdk.get().resolve("bin/java").toRealPath().toString());
        // Each run's class loading, logged to a file: Truce's own classes come from the cache ("shared objects file").
        Path cliLog = dir.resolve("cli-classes.log");
        Run version = run(List.of("sh", home.resolve("bin/truce").toString(), "--version"),
                Map.of("JAVA_HOME", jdk.get().toString(), "JAVA_OPTS", "-Xlog:class+load=info:file=" + cliLog), 120);
        assertThat(version.status()).as(version.err()).isZero();
        assertThat(version.out()).isEqualTo("truce 0.1.0\n");
        assertThat(version.err()).isEmpty();
        assertThat(Files.readString(cliLog)).contains("dev.truce.cli.TruceCommand source: shared objects file");
        Path serveDir = Files.createDirectories(dir.resolve("serve"));
        Path serveLog = dir.resolve("serve-classes.log");
        Run serve = run(new ProcessBuilder("sh", home.resolve("bin/truce").toString(), "serve", "--port", "0",
                "--management.server.port=0").directory(serveDir.toFile()), Map.of("JAVA_HOME", jdk.get().toString(),
                "JAVA_OPTS", "-Dspring.context.exit=onRefresh -Xlog:class+load=info:file=" + serveLog), 300);
        assertThat(serve.status()).as(serve.out() + serve.err()).isZero();
        // A class only serve loads, from the cache of serve's training run.
        assertThat(Files.readString(serveLog))
                .contains("dev.truce.server.HealthController source: shared objects file");
    }

    /** A JDK that makes AOT caches: TRUCE_AOT_JAVA_HOME, else the newest 24+ under /usr/lib/jvm. */
    private static Optional<Path> aotJdk() throws IOException {
        String named = System.getenv("TRUCE_AOT_JAVA_HOME");
        if (named != null && !named.isEmpty()) {
            return Optional.of(Path.of(named));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && featureVersion(h) >= 24)
                    .max(Comparator.comparingInt(LauncherIT::featureVersion));
        }
    }

    /** The feature version a JDK's release file names (JAVA_VERSION="25.0.3"), 0 when it names none. */
    private static int featureVersion(Path jdk) {
        try {
            Matcher m = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(jdk.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private Run run(List<String> command, String javaOpts) throws Exception {
        return run(command, Map.of("JAVA_OPTS", javaOpts), 120);
    }

    private Run run(List<String> command, Map<String, String> env, int seconds) throws Exception {
        return run(new ProcessBuilder(command), env, seconds);
    }

    private Run run(ProcessBuilder builder, Map<String, String> env, int seconds) throws Exception {
        File out = Files.createTempFile(dir, "out", ".txt").toFile();
        File err = Files.createTempFile(dir, "err", ".txt").toFile();
        builder.redirectOutput(out).redirectError(err);
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("bin/truce finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
