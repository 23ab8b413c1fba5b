package dev.truce.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image Jib built ({@code target/jib-image.tar}, an OCI layout; .ci/run builds its base offline with
 * deploy/image/build-local-base.sh, so the image is built in CI's {@code package}), checked from its own config JSON
 * and layers, and started without a container engine (deploy/image/run-image.py) to see that it runs as built.
 */
class ContainerImageIT {

    private static final Path IMAGE = Path.of("target", "jib-image.tar");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode config;
    private static List<JsonNode> layers;
    private static Map<String, byte[]> blobs;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws IOException {
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isRegularFile(IMAGE), "no image: run deploy/image/build-local-base.sh, then package");
        }
        blobs = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(
                Files.newInputStream(IMAGE)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                blobs.put(entry.getName(), tar.readAllBytes());
            }
        }
        JsonNode index = JSON.readTree(blobs.get("index.json"));
        JsonNode manifest = JSON.readTree(blob(index.path("manifests").get(0).path("digest").asString()));
        config = JSON.readTree(blob(manifest.path("config").path("digest").asString()));
        layers = new ArrayList<>();
        manifest.path("layers").forEach(layers::add);
    }

    @Test
    void runs_truce_serve_as_a_non_root_user_with_container_jvm_flags_its_ports_volume_and_labels() {
        JsonNode container = config.path("config");
        assertThat(container.path("User").asString()).isEqualTo("65532:65532");
        List<String> entrypoint = strings(container.path("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "dev.truce.cli.TruceCommand");
        assertThat(strings(container.path("Cmd"))).containsExactly("serve");
        assertThat(container.path("ExposedPorts").propertyNames()).containsExactlyInAnyOrder("8080/tcp", "8081/tcp");
        assertThat(container.path("Volumes").propertyNames()).containsExactly("/home/nonroot");
        assertThat(strings(container.path("Env"))).contains("TRUCE_DATADIR=/home/nonroot");
        JsonNode labels = container.path("Labels");
        assertThat(labels.path("org.opencontainers.image.title").asString()).isEqualTo("Truce");
        assertThat(labels.path("org.opencontainers.image.version").asString()).isNotBlank();
        assertThat(labels.path("dev.truce.health.readiness").asString()).endsWith(":8081/actuator/health/readiness");
        assertThat(config.path("os").asString()).isEqualTo("linux");
    }

    @Test
    void holds_no_shell_package_manager_or_build_tool_and_the_data_volume_belongs_to_the_user() throws IOException {
        Map<String, TarArchiveEntry> files = new HashMap<>();
        for (JsonNode layer : layers) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                    new java.io.ByteArrayInputStream(blob(layer.path("digest").asString()))))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    files.put(normal(entry.getName()), entry);
                }
            }
        }
        assertThat(files).as("the JVM and Truce's own classes").containsKeys(
                "usr/lib/jvm/java-17-openjdk-amd64/bin/java", "app/classes/dev/truce/cli/TruceCommand.class");
        for (String tool : List.of("bin/sh", "usr/bin/sh", "bin/bash", "usr/bin/bash", "bin/dash", "usr/bin/dash",
                "bin/busybox", "usr/bin/apt", "usr/bin/apt-get", "usr/bin/dpkg", "usr/bin/curl", "usr/bin/wget",
                "usr/bin/gcc", "usr/bin/mvn", "usr/lib/jvm/java-17-openjdk-amd64/bin/javac")) {
            assertThat(files).as("no %s in the image", tool).doesNotContainKey(tool);
        }
        TarArchiveEntry home = files.get("home/nonroot");
        assertThat(home).as("the data volume's folder").isNotNull();
        assertThat(home.getLongUserId()).isEqualTo(65532);
    }

    @Test
    void starts_as_its_user_and_answers_on_both_ports(@TempDir Path rootfs) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (System.getenv("CI") == null) {
            assumeTrue(root, "running the image needs root (chroot, unshare)");
        }
        // The rootfs must be unpacked with its owners, and an engine-less run needs mounts: root only, as in CI.
        int port = freePort();
        int management = freePort();
        Path log = dir.resolve("image.log");
        Process image = new ProcessBuilder("python3", "deploy/image/run-image.py", IMAGE.toString(),
                rootfs.resolve("root").toString(), "--port", Integer.toString(port),
                "--management.server.port=" + management).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            HttpResponse<String> readiness = null;
            while (readiness == null || readiness.statusCode() != 200) {
                assertThat(image.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(Instant.now()).as("ready within 120 s:\n" + Files.readString(log)).isBefore(deadline);
                Thread.sleep(200);
                try {
                    readiness = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                            + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    readiness = null;
                }
            }
            assertThat(readiness.body()).contains("\"db\"");
            HttpResponse<String> healthz = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(healthz.statusCode()).isEqualTo(200);
            assertThat(Files.readString(log)).as("no credentials: the setup page").contains("/setup?token=");
            assertThat(Files.exists(rootfs.resolve("root/home/nonroot/truce.mv.db"))).as("data in the volume")
                    .isTrue();
            assertThat(Files.getOwner(rootfs.resolve("root/home/nonroot/truce.mv.db")).getName())
                    .as("written by the image's user").isIn("65532", "nonroot");
            // compose.yaml's health check, as the image runs it: its own java, Truce's HealthProbe, no shell.
            assertThat(probe(rootfs, "http://127.0.0.1:" + management + "/actuator/health/readiness"))
                    .as("the health check passes").isZero();
            assertThat(probe(rootfs, "http://127.0.0.1:" + management + "/actuator/no-such-endpoint"))
                    .as("and can fail").isEqualTo(1);
        } finally {
            // unshare ignores SIGTERM while it waits for its child: the image's process gets it, as from an engine.
            image.toHandle().descendants().forEach(ProcessHandle::destroy);
            if (!image.waitFor(60, TimeUnit.SECONDS)) {
                image.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                image.destroyForcibly();
            }
        }
        assertThat(image.exitValue()).as("stopped by SIGTERM:\n" + Files.readString(log)).isNotEqualTo(137);
        assertThat(Files.readString(log)).contains("Graceful shutdown complete");
    }

    private int probe(Path rootfs, String url) throws Exception {
        Process probe = new ProcessBuilder("python3", "deploy/image/run-image.py", IMAGE.toString(),
                rootfs.resolve("root").toString(), "--entrypoint", "java", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp",
                "/app/classes", "dev.truce.server.HealthProbe", url).redirectErrorStream(true)
                .redirectOutput(dir.resolve("probe.log").toFile()).start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("the probe ends").isTrue();
        return probe.exitValue();
    }

    private static byte[] blob(String digest) {
        byte[] blob = blobs.get("blobs/sha256/" + digest.substring(digest.indexOf(':') + 1));
        assertThat(blob).as("blob %s", digest).isNotNull();
        return blob;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static String normal(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name.startsWith("/") ? name.substring(1) : name;
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
