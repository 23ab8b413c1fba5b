package dev.truce.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.nio.file.attribute.PosixFilePermissions;

import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox against builds that misbehave. Runs where bubblewrap works (CI installs it); elsewhere every test is
 * skipped with the reason the sandbox gave, never faked.
 */
class BubblewrapSandboxTest {

    private static final BuildLimits TEST_LIMITS = new BuildLimits(Duration.ofSeconds(60), 60, 256L << 20, 64,
            64L << 20, 64 * 1024, 64L << 20);

    private static String unavailable;

    // Not a @TempDir (0700): when Truce runs as root the build runs as another user, and the files around the
    // checkout must be readable and writable by that user too, so that only the sandbox keeps the build out.
    Path dir;
    Path checkout;

    @BeforeAll
    static void probe() throws InterruptedException {
        try {
            BubblewrapSandbox.create(settings());
        } catch (SandboxUnavailableException e) {
            unavailable = e.getMessage();
        }
    }

    @BeforeEach
    void checkout() throws IOException {
        assumeTrue(unavailable == null, () -> "bubblewrap cannot run here: " + unavailable);
        dir = Files.createTempDirectory("truce-sandbox-test-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        checkout = Files.createDirectory(dir.resolve("checkout"));
    }

    @AfterEach
    void delete() throws IOException {
        if (dir != null) {
            Checkout.delete(dir);
        }
    }

    /** A file anyone may read and write, so that only the sandbox stands between it and the build. */
    private static Path open(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        return file;
    }

    private static Path openDir(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        return folder;
    }

    private static SandboxSettings settings() {
        return SandboxSettings.defaults().withLimits(TEST_LIMITS);
    }

    private static BubblewrapSandbox sandbox(SandboxSettings settings) throws Exception {
        return BubblewrapSandbox.create(settings);
    }

    private BuildResult run(String script) throws Exception {
        return sandbox(settings()).run(checkout, BuildCommand.shell(script));
    }

    @Test
    void exitCodeAndOutputComeBack() throws Exception {
        BuildResult result = run("echo to-stdout; echo to-stderr >&2; touch built.txt;"
                + " echo \"$PWD/src/A.java:3: error: cannot find symbol\"; exit 3");

        assertThat(result.status()).isEqualTo(BuildResult.Status.FAILED);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("to-stdout", "to-stderr");
        assertThat(result.sandboxed()).isTrue();
        assertThat(result.isolation()).startsWith("sandboxed (bubblewrap: no network");
        assertThat(checkout.resolve("built.txt")).exists();
        assertThat(result.diagnostics()).containsExactly(
                Diagnostic.error("src/A.java", 3, "cannot find symbol", "javac"));
    }

    @Test
    void aMergedTreeIsCheckedOutCompiledInTheSandboxAndItsErrorsMappedToTheHunks() throws Exception {
        String invoice = "package demo;\n\npublic class Invoice {\n    public int sum() {\n        return 1;\n    }\n\n"
                + "    public String describe() {\n        return \"total \" + total();\n    }\n}\n";
        try (InMemoryRepository repository = new InMemoryRepository(new DfsRepositoryDescription("sandbox"));
                ObjectInserter inserter = repository.newObjectInserter()) {
            TreeFormatter demo = new TreeFormatter();
            demo.append("Invoice.java", FileMode.REGULAR_FILE,
                    inserter.insert(Constants.OBJ_BLOB, invoice.getBytes(StandardCharsets.UTF_8)));
            TreeFormatter root = new TreeFormatter();
            root.append("demo", FileMode.TREE, inserter.insert(demo));
            ObjectId tree = inserter.insert(root);
            inserter.flush();
            BubblewrapSandbox sandbox = sandbox(settings().withLimits(new BuildLimits(Duration.ofSeconds(120), 120,
                    2L << 30, 256, 64L << 20, 64 * 1024, 256L << 20)));

            try (ObjectReader reader = repository.newObjectReader();
                    Checkout merged = Checkout.write(reader, tree, new CheckoutLimits(dir, 100, 1 << 20))) {
                BuildResult result = sandbox.run(merged.root(), BuildCommand.of("javac", "-J-Xms16m", "-J-Xmx256m",
                        "-d", "/tmp/classes", "demo/Invoice.java"));

                assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
                List<RegionMap.Placement> placed = new RegionMap(Map.of("demo/Invoice.java",
                        List.of(new LineRange(8, 10)))).placeAll(result.diagnostics());
                assertThat(placed).as(result.output()).singleElement().satisfies(p -> {
                    assertThat(p.diagnostic()).isEqualTo(new Diagnostic("demo/Invoice.java", 9, 27,
                            Diagnostic.Severity.ERROR, "cannot find symbol\nsymbol: method total()\n"
                                    + "location: class Invoice", "javac"));
                    assertThat(p.region()).isZero();
                });
            }
        }
    }

    @Test
    void aBuildThatHangsIsKilledAtTheWallLimitWithEverythingItStarted() throws Exception {
        String marker = "98" + (100000 + (int) (Math.random() * 800000));
        BubblewrapSandbox sandbox = sandbox(settings().withLimits(TEST_LIMITS.withWallTime(Duration.ofSeconds(2))));

        BuildResult result = sandbox.run(checkout, BuildCommand.shell(
                "sleep " + marker + " & (sleep " + marker + " &) ; sleep " + marker + "; echo never"));

        assertThat(result.status()).isEqualTo(BuildResult.Status.TIMED_OUT);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(60));
        assertThat(result.output()).doesNotContain("never");
        assertThat(Processes.withMarker("sleep " + marker)).isZero();
        assertThat(result.summary()).contains("killed after 2 s (wall-time limit)");
    }

    @Test
    void aBuildThatFloodsItsOutputIsCutAtTheBoundAndStillReported() throws Exception {
        BuildResult result = run("yes truce-flood | head -c 20000000; echo; echo last-line; exit 4");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.output().length()).isLessThanOrEqualTo(TEST_LIMITS.outputBytes());
        assertThat(result.output()).endsWith("\nlast-line\n");
        assertThat(result.dropped()).isEqualTo(20_000_000L + "\nlast-line\n".length() - TEST_LIMITS.outputBytes());
        assertThat(result.summary()).contains("bytes of output dropped");
    }

    @Test
    void aForkBombIsContainedByTheProcessLimit() throws Exception {
        String marker = "87" + (100000 + (int) (Math.random() * 800000));

        BuildResult bomb = run("bomb() { bomb | bomb & }; bomb; sleep 3; echo still-here");
        // Once the limit is reached nothing can fork, so a counter started first counts with shell builtins only.
        BuildResult counted = run("(sleep 2; set -- /proc/[0-9]*; echo $# > count) &"
                + " (i=0; while [ $i -lt 200 ]; do sleep " + marker + " & i=$((i+1)); done) 2>/dev/null;"
                + " wait; read n < count; echo running=$n");

        assertThat(bomb.output()).contains("still-here");
        String running = counted.output().replaceAll("(?s).*running=(\\d+).*", "$1");
        assertThat(Integer.parseInt(running)).isLessThanOrEqualTo(TEST_LIMITS.processes());
        assertThat(Processes.withMarker("sleep " + marker)).isZero();
        assertThat(new ProcessBuilder("true").start().waitFor()).isZero(); // the host can still fork
    }

    @Test
    void aBuildCannotUseMoreMemoryThanTheLimit() throws Exception {
        BuildResult result = run("x=$(head -c 400000000 /dev/zero | tr '\\0' a); echo survived ${#x}");

        assertThat(result.passed()).isFalse();
        assertThat(result.output()).doesNotContain("survived");
    }

    @Test
    void writesOutsideTheCheckoutFailAndLeaveTheOutsideUntouched() throws Exception {
        Path outside = open(dir.resolve("outside.txt"), "original");
        String escape = "truce-escape-" + UUID.randomUUID();

        BuildResult result = run("for f in " + outside + " /usr/" + escape + " /etc/" + escape + " /" + escape
                + " ../" + escape + " " + dir + "/" + escape + "; do echo pwned > $f 2>/dev/null && echo wrote $f"
                + " || echo refused $f; done; echo tmp > /tmp/" + escape + "; echo inside > inside.txt");

        assertThat(result.output()).doesNotContain("wrote").contains("refused " + outside, "refused ../" + escape);
        assertThat(Files.readString(outside)).isEqualTo("original");
        assertThat(dir.resolve(escape)).doesNotExist();
        assertThat(Path.of("/usr", escape)).doesNotExist();
        assertThat(Path.of("/etc", escape)).doesNotExist();
        assertThat(Path.of(System.getProperty("java.io.tmpdir"), escape)).doesNotExist(); // its /tmp is private
        assertThat(Files.readString(checkout.resolve("inside.txt"))).isEqualTo("inside\n");
    }

    @Test
    void theNetworkIsUnreachableEvenOnTheHostsLoopback() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();

            BuildResult result = run("bash -c 'echo hi > /dev/tcp/127.0.0.1/" + port + "' 2>/dev/null"
                    + " && echo connected || echo no-connection");

            assertThat(result.output()).contains("no-connection").doesNotContain("connected\n");
            server.setSoTimeout(500);
            try {
                server.accept().close();
                throw new AssertionError("the sandboxed build connected to the host's port " + port);
            } catch (SocketTimeoutException expected) {
                // nobody connected
            }
        }
    }

    @Test
    void trucesSettingsTokensAndDataAreNotReadable() throws Exception {
        Path data = openDir(dir.resolve("truce-data"));
        open(data.resolve("app-key.pem"), "data-dir-secret");
        Path shared = openDir(dir.resolve("shared"));
        open(shared.resolve("visible.txt"), "readable");
        Path hiddenData = openDir(shared.resolve("data"));
        open(hiddenData.resolve("key.pem"), "hidden-secret");
        BuildEnvironment environment = BuildEnvironment.of(Map.of("PATH", "/usr/bin:/bin",
                "TRUCE_GITHUB_WEBHOOKSECRET", "webhook-secret-value", "GITHUB_TOKEN", "ghs_token_value",
                "MAVEN_OPTS", "-Xmx512m"), List.of("MAVEN_OPTS"), Map.of("CI", "true"));
        SandboxSettings settings = settings().withEnvironment(environment)
                .withPaths(List.of(shared), List.of(hiddenData));

        BuildResult result = sandbox(settings).run(checkout, BuildCommand.shell(
                "env; cat " + data + "/app-key.pem; cat " + shared + "/visible.txt; cat " + hiddenData + "/key.pem;"
                        + " ls -a " + System.getProperty("user.home") + "; cat /proc/*/environ | tr '\\0' '\\n'; true"));

        assertThat(result.output()).doesNotContain("webhook-secret-value", "ghs_token_value", "TRUCE_", "GITHUB_",
                "data-dir-secret", "hidden-secret");
        assertThat(result.output()).contains("MAVEN_OPTS=-Xmx512m", "CI=true", "HOME=/tmp/home", "readable",
                "PWD=/checkout");
        assertThat(result.output()).contains(System.getProperty("user.home") + "': No such file or directory");
    }

    @Test
    void aBuildSeesOnlyItsOwnProcesses() throws Exception {
        BuildResult result = run("ls /proc | grep -c '^[0-9]'; cat /proc/" + ProcessHandle.current().pid()
                + "/cmdline 2>/dev/null | tr '\\0' ' '");

        assertThat(result.output()).doesNotContain("java");
        assertThat(Integer.parseInt(result.output().lines().findFirst().orElseThrow().strip())).isLessThan(10);
    }

    @Test
    void aBuildThatWritesABigFileIsStopped() throws Exception {
        BuildResult result = run("head -c 100000000 /dev/zero > big.bin; echo exit=$?");

        assertThat(Files.size(checkout.resolve("big.bin"))).isLessThanOrEqualTo(TEST_LIMITS.fileBytes());
        assertThat(result.output()).doesNotContain("exit=0");
    }
}
