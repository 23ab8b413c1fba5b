package dev.truce.merge;

import static dev.truce.testing.ScenarioRepo.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeCommitWriterTest {

    static final String BASE = "class A {\n  int a;\n  int old;\n  int z;\n}\n";
    static final String OURS = "class A {\n  int a;\n  int shared;\n  int old;\n  int z;\n}\n";
    static final String THEIRS = "class A {\n  int a;\n  int shared;\n  int more;\n  int z;\n}\n";

    @TempDir
    Path dir;

    ScenarioRepo repo;

    @BeforeEach
    void scenario() throws Exception {
        repo = ScenarioRepo.init(dir);
        Tree base = Tree.of().file("A.java", BASE).file("old.txt", RepositoryMergeTest.LINES)
                .file("clean.txt", "c\n");
        repo.threeWay(base,
                base.copy().file("A.java", OURS).file("old.txt", RepositoryMergeTest.LINES.replace("2\n", "o\n")),
                base.copy().file("A.java", THEIRS).delete("old.txt")
                        .file("new.txt", RepositoryMergeTest.LINES.replace("8\n", "t\n")).file("clean.txt", "C\n"));
    }

    private WrittenMerge writeMainAndFeature(boolean partial, boolean force, String branch) throws Exception {
        ComputedMerge merge = new RepositoryMerge(repo.repository()).compute("main", "feature");
        return new MergeCommitWriter(partial, force).write(merge, RepositoryMergeTest.resolveAll(merge), branch);
    }

    @Test
    void writesATwoParentMergeCommitOnANewBranch() throws Exception {
        ObjectId headBefore = repo.repository().resolve(Constants.HEAD);

        WrittenMerge written = writeMainAndFeature(false, false, "truce/result");

        try (RevWalk walk = new RevWalk(repo.repository())) {
            RevCommit commit = walk.parseCommit(repo.repository().resolve("truce/result"));
            assertThat(commit).isEqualTo(written.commit());
            assertThat(commit.getParents()).containsExactly(repo.head("main"), repo.head("feature"));
            assertThat(read(repo.repository(), commit, "A.java")).isEqualTo(THEIRS);
            assertThat(read(repo.repository(), commit, "new.txt"))
                    .isEqualTo(RepositoryMergeTest.LINES.replace("2\n", "o\n").replace("8\n", "t\n"));
            assertThat(read(repo.repository(), commit, "old.txt")).as("rename removes the old path").isNull();
            assertThat(read(repo.repository(), commit, "clean.txt")).isEqualTo("C\n");
            assertThat(commit.getFullMessage()).contains("Merge feature into main", "A.java [content]: resolved",
                    "one-side-changed", "new.txt (renamed from old.txt) [rename]: resolved");
            assertThat(commit.getAuthorIdent().getName()).isNotBlank();
        }
        assertThat(written.partial()).isFalse();
        assertThat(repo.repository().resolve(Constants.HEAD)).isEqualTo(headBefore);
    }

    @Test
    void refusesToOverwriteAnExistingBranchUnlessForced() throws Exception {
        ObjectId main = repo.repository().resolve("main");

        assertThatThrownBy(() -> writeMainAndFeature(false, false, "main"))
                .isInstanceOf(BranchExistsException.class).hasMessageContaining("--force");
        assertThat(repo.repository().resolve("main")).isEqualTo(main);

        WrittenMerge forced = writeMainAndFeature(false, true, "main");
        assertThat(repo.repository().resolve("main")).isEqualTo(forced.commit());
    }

    @Test
    void partialWriteLeavesMarkersAndKeepsTheSurvivingSide() throws Exception {
        Tree base = Tree.of().file("a.txt", "1\n2\n3\n").file("gone.txt", "g\n");
        repo.threeWay(base, base.copy().file("a.txt", "1\nO\n3\n").file("gone.txt", "G\n"),
                base.copy().file("a.txt", "1\nT\n3\n").delete("gone.txt"));
        ComputedMerge merge = new RepositoryMerge(repo.repository()).compute("main", "feature");

        assertThatThrownBy(() -> new MergeCommitWriter(false, false).write(merge,
                RepositoryMergeTest.resolveAll(merge), "x")).isInstanceOf(IllegalStateException.class);
        WrittenMerge written = new MergeCommitWriter(true, false).write(merge, RepositoryMergeTest.resolveAll(merge),
                "partial");

        assertThat(written.partial()).isTrue();
        try (RevWalk walk = new RevWalk(repo.repository())) {
            RevCommit commit = walk.parseCommit(written.commit());
            assertThat(read(repo.repository(), commit, "a.txt"))
                    .isEqualTo("1\n<<<<<<< main\nO\n||||||| merge base\n2\n=======\nT\n>>>>>>> feature\n3\n");
            assertThat(read(repo.repository(), commit, "gone.txt")).isEqualTo("G\n");
            assertThat(commit.getFullMessage()).contains("gone.txt [modify/delete]: NOT RESOLVED, kept ours");
        }
    }

    @Test
    void partialWriteKeepsOurDirectoryWhereTheyHaveAFile() throws Exception {
        Tree base = Tree.of().file("keep.txt", "k\n");
        repo.threeWay(base, base.copy().file("conf/app.yml", "a: 1\n"), base.copy().file("conf", "flat\n"));
        ComputedMerge merge = new RepositoryMerge(repo.repository()).compute("main", "feature");

        WrittenMerge written = new MergeCommitWriter(true, false).write(merge, RepositoryMergeTest.resolveAll(merge),
                "df");

        try (RevWalk walk = new RevWalk(repo.repository())) {
            RevCommit commit = walk.parseCommit(written.commit());
            assertThat(read(repo.repository(), commit, "conf/app.yml")).isEqualTo("a: 1\n");
            assertThat(commit.getFullMessage()).contains("conf [directory/file]: NOT RESOLVED, kept ours");
        }
    }
}
