package dev.truce.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code java -jar target/truce.jar serve} in a child process, as an operator runs it, configured by environment
 * variables only; its output goes to a log file the test can read. {@link #kill()} is {@code kill -9}: the process
 * gets no chance to finish anything. For integration tests, which run after {@code package} built the jar.
 */
public final class TruceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "truce.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final String webhookSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TruceProcess(Process process, int port, int managementPort, Path log, String webhookSecret) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.webhookSecret = webhookSecret;
    }

    /**
     * Starts the built jar's service ({@code java -Xmx512m -XX:TieredStopAtLevel=1 -jar target/truce.jar}) and waits
     * until {@code /healthz} answers.
     *
     * @param environment {@code TRUCE_*} settings; the webhook secret is taken from {@code TRUCE_GITHUB_WEBHOOKSECRET}
     * @param log         where the process's output is appended
     */
    public static TruceProcess start(Map<String, String> environment, Path log) throws IOException,
            InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: integration tests run after"
                    + " `./mvnw package` (the verify phase builds it first)");
        }
        return start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString()), environment, log);
    }

    /**
     * Starts {@code launcher serve} (a launcher such as {@code bin/truce}, with its own JVM options) on free loopback
     * ports and waits until {@code /healthz} answers.
     */
    public static TruceProcess start(List<String> launcher, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("serve", "--port", Integer.toString(port), "--server.address=127.0.0.1",
                "--management.server.port=" + managementPort, "--management.server.address=127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("TRUCE_") || k.startsWith("SPRING_"));
        builder.environment().putAll(environment);
        TruceProcess started = new TruceProcess(builder.start(), port, managementPort, log, environment.get(
                "TRUCE_GITHUB_WEBHOOKSECRET"));
        started.awaitHealthy();
        return started;
    }

    /**
     * The JVM's process id: the launcher's own when it is java (or execs it), else its first java descendant. The
     * launcher is asked first: the service's own children (a repository's build) may be java too.
     */
    public long jvmPid() {
        return tree().stream().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
    }

    /** The port the webhook listens on. */
    public int port() {
        return port;
    }

    /** The management port (health groups, Prometheus metrics). */
    public int managementPort() {
        return managementPort;
    }

    /** {@code GET} on the webhook port; status and body. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET} on the management port; status and body. */
    public HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM, as an orchestrator stops a container; does not wait. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the service did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a correctly signed webhook; returns the status code. */
    public int send(String event, String body, String delivery) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery).header("X-Hub-Signature-256", sign(bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Waits until {@code condition} holds, polled every 50 ms; after {@code timeout} fails with the service's log. */
    public void await(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; service log:\n"
                        + output());
            }
            Thread.sleep(50);
        }
    }

    /** {@code kill -9}: SIGKILL, no shutdown hooks, nothing finished; a launcher's children too. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        if (!awaitEnd(tree, Duration.ofSeconds(30))) {
            throw new IllegalStateException("the service did not die after SIGKILL");
        }
    }

    /** What the process printed so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        // A launcher that runs java as its child (rather than exec it) dies of SIGTERM alone and leaves the JVM
        // running: the whole tree is asked to stop.
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy); // SIGTERM: the graceful shutdown an orchestrator would ask for
        if (!awaitEnd(tree, Duration.ofSeconds(40))) {
            kill();
        }
    }

    /** The launcher and every process under it, the launcher first. */
    private List<ProcessHandle> tree() {
        return Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants())
                .filter(ProcessHandle::isAlive).toList();
    }

    private static boolean awaitEnd(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        for (ProcessHandle p : processes) {
            while (p.isAlive()) {
                if (Instant.now().isAfter(deadline)) {
                    return false;
                }
                Thread.sleep(20);
            }
        }
        return true;
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                kill();
                throw new IllegalStateException("the service was not healthy within " + START_TIMEOUT + ":\n"
                        + output());
            }
            Thread.sleep(100);
        }
    }

    private String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
