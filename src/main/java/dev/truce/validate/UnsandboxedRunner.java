package dev.truce.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs builds without a sandbox, for operators who explicitly opted out of it (or a developer's own
 * {@code truce resolve --validate} on their machine). The build has the rights and the network of Truce's user;
 * what still holds: the clean environment (no Truce settings or tokens, a temporary {@code HOME}), no standard
 * input, the wall-time limit (the process group and its descendants are killed), and the per-process CPU,
 * memory and file-size limits. The process limit is not applied: without a user namespace it would count every
 * process and thread of Truce's user. Every result says it ran unsandboxed.
 */
public final class UnsandboxedRunner implements BuildRunner {

    private final BuildLimits limits;
    private final BuildEnvironment environment;

    /** A runner with these limits and this environment. */
    public UnsandboxedRunner(BuildLimits limits, BuildEnvironment environment) {
        this.limits = limits;
        this.environment = environment;
    }

    @Override
    public BuildResult run(Path checkout, BuildCommand command) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("truce-build-");
        try {
            Path home = Files.createDirectory(scratch.resolve("home"));
            Path tmp = Files.createDirectory(scratch.resolve("tmp"));
            List<String> argv = new ArrayList<>(List.of("setsid", "prlimit", "--cpu=" + limits.cpuSeconds(),
                    "--data=" + limits.memoryBytes(), "--fsize=" + limits.fileBytes(), "--core=0", "--"));
            argv.addAll(command.argv());
            BoundedProcess.Outcome outcome = BoundedProcess.run(argv, environment.variables(home, tmp), checkout,
                    limits.wallTime(), limits.outputBytes());
            return BuildResult.from(command, outcome, isolation(), false, checkout.toRealPath());
        } finally {
            Checkout.delete(scratch);
        }
    }

    @Override
    public String isolation() {
        return "NOT SANDBOXED: the operator opted out of the sandbox, so the build ran with Truce's user's rights"
                + " and network (clean environment, time, CPU and memory limits only)";
    }
}
