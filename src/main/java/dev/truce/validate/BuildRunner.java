package dev.truce.validate;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs build commands on a temporary checkout, bounded by {@link BuildLimits}, with a clean
 * {@link BuildEnvironment} and no standard input. {@link BubblewrapSandbox} runs them in a sandbox;
 * {@link UnsandboxedRunner} is for operators who opted out of it, and says so in every result.
 */
public interface BuildRunner {

    /**
     * Runs one command in the checkout and waits for it, at most the wall-time limit.
     *
     * @param checkout the checkout's folder (see {@link Checkout}); the only folder the build may write in the
     *                 sandbox
     * @throws IOException          when the command cannot be started
     * @throws InterruptedException when the calling thread is interrupted; the build is killed first
     */
    BuildResult run(Path checkout, BuildCommand command) throws IOException, InterruptedException;

    /** How builds run here, for reports: the sandbox and its guarantees, or that there is none. */
    String isolation();
}
