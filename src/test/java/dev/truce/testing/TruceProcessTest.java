package dev.truce.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * TruceProcess with a launcher that runs java as its child instead of exec'ing it (a wrapper script): the JVM is
 * found, and closing leaves nothing running. The "service" is {@link HealthzOnly}, which only answers /healthz.
 */
class TruceProcessTest {

    @TempDir
    Path dir;

    @Test
    void aLaunchersJavaChildIsTheJvmAndClosingStopsIt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(HealthzOnly.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        // Not the last command of the script, so no shell execs it: java stays the shell's child.
        List<String> launcher = List.of("sh", "-c", "j=$0 cp=$1 main=$2; shift 2; \"$j\" -cp \"$cp\" \"$main\" \"$@\";"
                + " exit $?", java, classes, HealthzOnly.class.getName());

        TruceProcess truce = TruceProcess.start(launcher, Map.of("TRUCE_GITHUB_WEBHOOKSECRET", "s"),
                dir.resolve("serve.log"));
        ProcessHandle jvm;
        try {
            jvm = ProcessHandle.of(truce.jvmPid()).orElseThrow();
            assertThat(jvm.info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("/java"));
            assertThat(jvm.parent().map(ProcessHandle::pid)).as("the shell's child, not the shell")
                    .isNotEqualTo(jvm.pid()).isNotEmpty();
        } finally {
            truce.close();
        }

        assertThat(truce.isAlive()).isFalse();
        assertThat(jvm.isAlive()).as("the launcher's java after close").isFalse();
    }

    /** A stand-in for {@code truce serve}: answers {@code /healthz} on {@code --port N} until it is stopped. */
    static final class HealthzOnly {

        public static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[List.of(args).indexOf("--port") + 1]);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/healthz", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }
    }
}
