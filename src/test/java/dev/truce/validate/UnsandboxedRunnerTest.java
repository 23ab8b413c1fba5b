package dev.truce.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner for operators who opted out of the sandbox: what still holds, and that it says it is unsandboxed. */
class UnsandboxedRunnerTest {

    private static final BuildLimits LIMITS = new BuildLimits(Duration.ofSeconds(60), 60, 256L << 20, 64,
            64L << 20, 64 * 1024, 64L << 20);

    @TempDir
    Path checkout;

    private final BuildEnvironment environment = BuildEnvironment.of(Map.of("PATH", "/usr/bin:/bin",
            "TRUCE_GITHUB_WEBHOOKSECRET", "webhook-secret-value", "GITHUB_TOKEN", "ghs_token_value",
            "MAVEN_OPTS", "-Xmx512m", "HOME", "/root"), List.of("MAVEN_OPTS"), Map.of());

    private BuildResult run(BuildLimits limits, String script) throws Exception {
        return new UnsandboxedRunner(limits, environment).run(checkout, BuildCommand.shell(script));
    }

    @Test
    void theEnvironmentIsCleanAndEveryResultSaysItRanUnsandboxed() throws Exception {
        BuildResult result = run(LIMITS, "env; pwd; cat");

        assertThat(result.passed()).isTrue();
        assertThat(result.output()).doesNotContain("webhook-secret-value", "ghs_token_value", "TRUCE_", "GITHUB_",
                "HOME=/root");
        assertThat(result.output()).contains("MAVEN_OPTS=-Xmx512m", "HOME=/", checkout.toRealPath().toString());
        assertThat(result.sandboxed()).isFalse();
        assertThat(result.summary()).contains("NOT SANDBOXED: the operator opted out of the sandbox");
        assertThat(result.directory()).isEqualTo(checkout.toRealPath());
    }

    @Test
    void aBuildThatHangsIsKilledWithItsWholeProcessGroup() throws Exception {
        String marker = "97" + (100000 + (int) (Math.random() * 800000));

        BuildResult result = run(LIMITS.withWallTime(Duration.ofSeconds(2)),
                "sleep " + marker + " & (sleep " + marker + " &); sleep " + marker);

        assertThat(result.status()).isEqualTo(BuildResult.Status.TIMED_OUT);
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(60));
        assertThat(Processes.withMarker("sleep " + marker)).isZero();
    }

    @Test
    void whatABuildLeavesRunningIsKilledWhenItEnds() throws Exception {
        String marker = "96" + (100000 + (int) (Math.random() * 800000));

        BuildResult result = run(LIMITS, "sleep " + marker + " & echo started");

        assertThat(result.passed()).isTrue();
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(60));
        assertThat(Processes.withMarker("sleep " + marker)).isZero();
    }

    @Test
    void floodedOutputKeepsItsEnd() throws Exception {
        BuildResult result = run(LIMITS, "seq 1 3000000; exit 2");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).endsWith("\n2999999\n3000000\n");
        assertThat(result.output().length()).isLessThanOrEqualTo(LIMITS.outputBytes());
        assertThat(result.dropped()).isPositive();
    }

    @Test
    void memoryLimitHoldsWithoutASandbox() throws Exception {
        BuildResult result = run(LIMITS, "x=$(head -c 400000000 /dev/zero | tr '\\0' a); echo survived ${#x}");

        assertThat(result.passed()).isFalse();
        assertThat(result.output()).doesNotContain("survived");
    }

    @Test
    void withoutTheSandboxTheNetworkIsThere() throws Exception {
        // The control for BubblewrapSandboxTest's network test: the same probe connects when nothing stops it.
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            BuildResult result = run(LIMITS, "bash -c 'echo hi > /dev/tcp/127.0.0.1/" + server.getLocalPort()
                    + "' && echo connected || echo no-connection");

            assertThat(result.output()).contains("connected").doesNotContain("no-connection");
        }
    }

    @Test
    void secretsCannotBeAllowedIntoABuild() {
        assertThatThrownBy(() -> BuildEnvironment.of(Map.of(), List.of("TRUCE_GITHUB_APPID"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TRUCE_GITHUB_APPID looks like");
        assertThatThrownBy(() -> BuildEnvironment.of(Map.of(), List.of("NPM_TOKEN"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BuildEnvironment.of(Map.of(), List.of(), Map.of("GITHUB_TOKEN", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildOutputBecomesDiagnosticsRelativeToTheCheckout() throws Exception {
        BuildResult result = run(LIMITS, "echo \"$PWD/src/main/java/A.java:3: error: cannot find symbol\"; exit 1");

        assertThat(result.diagnostics()).containsExactly(
                Diagnostic.error("src/main/java/A.java", 3, "cannot find symbol", "javac"));
    }
}
