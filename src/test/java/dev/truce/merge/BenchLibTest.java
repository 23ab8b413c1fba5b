package dev.truce.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.testing.GitCli;

/**
 * bench/lib.sh's choice of the merges a benchmark of whole jobs takes: those git's own merge conflicts on, found
 * without writing into the measured repository, and a clear failure when git cannot tell.
 */
class BenchLibTest {

    @TempDir
    Path dir;

    private GitCli git;
    private Path repo;
    private String conflicted;

    @BeforeEach
    void aRepositoryWithAConflictedAndACleanMerge() throws Exception {
        assumeTrue(GitCli.available(), "git is not installed");
        git = new GitCli(Files.createDirectories(dir.resolve("home")));
        repo = Files.createDirectories(dir.resolve("repo"));
        ok(git.run(repo, "init", "-q", "-b", "main"));
        Files.writeString(repo.resolve("a.txt"), "1\n2\n3\n");
        Files.writeString(repo.resolve("b.txt"), "x\n");
        commit("base");
        ok(git.run(repo, "checkout", "-q", "-b", "side"));
        Files.writeString(repo.resolve("a.txt"), "1\nside\n3\n");
        commit("side");
        ok(git.run(repo, "checkout", "-q", "main"));
        Files.writeString(repo.resolve("a.txt"), "1\nmain\n3\n");
        commit("main");
        String ours = rev("main");
        String theirs = rev("side");
        conflicted = ours + " " + theirs;
        ok(git.run(repo, "merge", "-q", "side", "-s", "ours", "-m", "conflicted merge, ours kept"));
        ok(git.run(repo, "checkout", "-q", "-b", "clean"));
        Files.writeString(repo.resolve("b.txt"), "y\n");
        commit("clean side");
        ok(git.run(repo, "checkout", "-q", "main"));
        ok(git.run(repo, "merge", "-q", "--no-ff", "clean", "-m", "clean merge"));
    }

    @Test
    void takesOnlyTheMergesGitConflictsOnAndWritesNothingIntoTheRepository() throws Exception {
        List<String> before = objects();

        Run run = conflictedPairs(Map.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out"))).containsExactly(conflicted);
        assertThat(objects()).as("objects of the measured repository").isEqualTo(before);
    }

    @Test
    void failsSayingSoWhenGitsMergeCannotTell() throws Exception {
        // A git older than 2.38 has no `merge-tree --write-tree`: a usage error, exit 129, not a conflict.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        String realGit = new String(new ProcessBuilder("sh", "-c", "command -v git").start().getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8).strip();
        Path fake = Files.writeString(bin.resolve("git"), "#!/bin/sh\ncase \"$*\" in\n  *merge-tree*) echo 'usage:"
                + " git merge-tree' >&2; exit 129 ;;\nesac\nexec " + realGit + " \"$@\"\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();

        Run run = conflictedPairs(Map.of("PATH", bin + ":" + System.getenv("PATH")));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("git merge-tree --write-tree", "exit 129", "needs git 2.38 or later");
    }

    private Run conflictedPairs(Map<String, String> environment) throws Exception {
        String script = ". bench/lib.sh\n"
                + "git clone -q --bare --shared \"$1\" \"$2\"\n"
                + "bench_merge_pairs \"$1\" 10 \"$3\"\n"
                + "bench_conflicted_pairs \"$2\" \"$3\" 4 \"$4\"\n";
        List<String> command = new ArrayList<>(List.of("sh", "-c", "set -eu\n" + script, "bench",
                repo.resolve(".git").toString(), dir.resolve("scratch.git").toString(), dir.resolve("pairs").toString(),
                dir.resolve("out").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        builder.environment().put("HOME", dir.resolve("home").toString());
        builder.environment().remove("ANY_MERGES");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private List<String> objects() throws IOException {
        Path objects = repo.resolve(".git/objects");
        try (Stream<Path> files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile).map(p -> objects.relativize(p).toString()).sorted().toList();
        }
    }

    private void commit(String message) throws Exception {
        ok(git.run(repo, "add", "-A"));
        ok(git.run(repo, "commit", "-q", "-m", message));
    }

    private String rev(String name) throws Exception {
        GitCli.Result result = git.run(repo, "rev-parse", name);
        ok(result);
        return result.output().strip();
    }

    private static void ok(GitCli.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private record Run(int exitCode, String output) {
    }
}
