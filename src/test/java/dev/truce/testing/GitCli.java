package dev.truce.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real git command line, for tests that check compatibility with it (a merge stopped on conflicts,
 * {@code git merge --abort}). Runs with a private HOME, no system config and a fixed identity, so the machine's
 * own git settings cannot change the outcome.
 */
public final class GitCli {

    private final Path home;

    /** Git with {@code home} as its HOME (a temporary directory of the test). */
    public GitCli(Path home) {
        this.home = home;
    }

    /** Whether a git executable is on the PATH. */
    public static boolean available() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs {@code git args...} in {@code work}; standard error is folded into the output. */
    public Result run(Path work, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "Tester");
        env.put("GIT_AUTHOR_EMAIL", "tester@example.org");
        env.put("GIT_COMMITTER_NAME", "Tester");
        env.put("GIT_COMMITTER_EMAIL", "tester@example.org");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /**
     * What a git command did.
     *
     * @param exitCode its exit code
     * @param output   standard output and error
     */
    public record Result(int exitCode, String output) {
    }
}
