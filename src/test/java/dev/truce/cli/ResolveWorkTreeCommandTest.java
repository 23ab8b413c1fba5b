package dev.truce.cli;

import dev.truce.testing.GitCli;
import static dev.truce.cli.CommandRun.truce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code truce resolve} inside a work tree where the real git CLI stopped a merge on conflicts. */
class ResolveWorkTreeCommandTest {

    static final String BASE = "a\nb\nold\nc\n";
    static final String OURS = "a\nb\nshared\nold\nc\n";
    static final String THEIRS = "a\nb\nshared\nmore\nc\n";

    @TempDir
    Path dir;

    Path work;

    @BeforeEach
    void gitIsInstalled() {
        assumeTrue(GitCli.available(), "the git CLI is needed to stop a real merge on conflicts");
        work = dir.resolve("work");
    }

    /** Resolvable A.txt and C.txt, unresolvable B.txt; main checked out, feature merged with the given style. */
    private void conflictedMerge(String style) throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(work)) {
            Tree base = Tree.of().file("A.txt", BASE).file("B.txt", "1\n2\n3\n").file("C.txt", BASE);
            repo.threeWay(base, base.copy().file("A.txt", OURS).file("B.txt", "1\nO\n3\n").file("C.txt", OURS),
                    base.copy().file("A.txt", THEIRS).file("B.txt", "1\nT\n3\n").file("C.txt", THEIRS));
        }
        assertThat(git("reset", "--hard", "main").exitCode()).isZero();
        GitCli.Result merge = git("-c", "merge.conflictStyle=" + style, "merge", "--no-edit", "feature");
        assertThat(merge.exitCode()).as(merge.output()).isEqualTo(1);
        assertThat(merge.output()).contains("CONFLICT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"merge", "diff3", "zdiff3"})
    void resolvesAndStagesWhatItCanLeavesTheRestAndMergeAbortStillWorks(String style) throws Exception {
        conflictedMerge(style);
        byte[] gitsB = Files.readAllBytes(work.resolve("B.txt"));
        // The user already resolved C.txt by hand (differently): Truce must not overwrite that.
        Files.writeString(work.resolve("C.txt"), "a\nb\nmine\nc\n");

        CommandRun run = truce("resolve", "--repo", work.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("A.txt [content]: resolved", "written and staged", "B.txt [content]: NOT RESOLVED",
                "C.txt", "skipped: the file was edited since the merge");
        assertThat(Files.readString(work.resolve("A.txt"))).isEqualTo(THEIRS);
        assertThat(Files.readAllBytes(work.resolve("B.txt"))).isEqualTo(gitsB);
        assertThat(Files.readString(work.resolve("C.txt"))).isEqualTo("a\nb\nmine\nc\n");
        assertThat(git("diff", "--name-only", "--diff-filter=U").output().lines().toList())
                .containsExactly("B.txt", "C.txt");
        assertThat(git("show", ":A.txt").output()).isEqualTo(THEIRS);

        GitCli.Result abort = git("merge", "--abort");
        assertThat(abort.exitCode()).as(abort.output()).isZero();
        assertThat(Files.exists(work.resolve(".git/MERGE_HEAD"))).isFalse();
        assertThat(Files.readString(work.resolve("A.txt"))).isEqualTo(OURS);
        assertThat(Files.readString(work.resolve("B.txt"))).isEqualTo("1\nO\n3\n");
        assertThat(git("status", "--porcelain").output()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"merge"})
    void writePartialMarksWhatIsLeftWithoutStagingIt(String style) throws Exception {
        conflictedMerge(style);

        CommandRun run = truce("resolve", "--repo", work.toString(), "--write-partial");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Files.readString(work.resolve("B.txt")))
                .isEqualTo("1\n<<<<<<< HEAD\nO\n||||||| merge base\n2\n=======\nT\n>>>>>>> MERGE_HEAD\n3\n");
        assertThat(git("diff", "--name-only", "--diff-filter=U").output().lines().toList()).containsExactly("B.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"merge"})
    void everythingResolvedLeavesAMergeReadyToCommit(String style) throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(work)) {
            Tree base = Tree.of().file("A.txt", BASE);
            repo.threeWay(base, base.copy().file("A.txt", OURS), base.copy().file("A.txt", THEIRS));
        }
        git("reset", "--hard", "main");
        assertThat(git("-c", "merge.conflictStyle=" + style, "merge", "--no-edit", "feature").exitCode()).isEqualTo(1);

        CommandRun run = truce("resolve", "--repo", work.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("All conflicts resolved and staged");
        GitCli.Result commit = git("commit", "--no-edit");
        assertThat(commit.exitCode()).as(commit.output()).isZero();
        assertThat(git("rev-list", "--parents", "-n", "1", "HEAD").output().trim().split(" ")).hasSize(3);
        assertThat(Files.readString(work.resolve("A.txt"))).isEqualTo(THEIRS);
    }

    private GitCli.Result git(String... args) throws IOException, InterruptedException {
        return new GitCli(dir).run(work, args);
    }
}
