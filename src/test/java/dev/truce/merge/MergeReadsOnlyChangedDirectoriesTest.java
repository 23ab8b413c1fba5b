package dev.truce.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.truce.conflict.ConflictKind;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge costs the directories its sides changed, not the size of the repository: a directory neither side changed
 * is never read, by the merge, by the conflict scan's rename detection or by writing the result. Proved by deleting
 * that directory's tree object from the repository: any read of it would fail.
 */
class MergeReadsOnlyChangedDirectoriesTest {

    @TempDir
    Path dir;

    @Test
    void aContentConflictMergesAndIsWrittenWithoutReadingAnUnchangedDirectory() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            Tree base = withUntouchedDirectory().file("src/App.java", "class App {\n    int a = 1;\n}\n");
            repo.threeWay(base, base.copy().file("src/App.java", "class App {\n    int a = 2;\n}\n"),
                    base.copy().file("src/App.java", "class App {\n    int a = 3;\n}\n"));
            ObjectId untouched = deleteTree(repo, "vendor");

            ComputedMerge merge = new RepositoryMerge(repo.repository()).compute("main", "feature");

            assertThat(merge.conflicts()).extracting(PathConflict::path).containsExactly("src/App.java");
            WrittenMerge written = new MergeCommitWriter(true, false).write(merge,
                    RepositoryMergeTest.resolveAll(merge), "truce/fix");
            assertThat(subtree(repo, written.commit(), "vendor")).isEqualTo(untouched);
        }
    }

    @Test
    void aRenameOneSideMadeIsFoundWithoutReadingAnUnchangedDirectory() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            String text = "class Old {\n    int a = 1;\n    int b = 1;\n    int c = 1;\n}\n";
            Tree base = withUntouchedDirectory().file("src/Old.java", text);
            repo.threeWay(base, base.copy().delete("src/Old.java").file("src/New.java", text),
                    base.copy().file("src/Old.java", text.replace("a = 1", "a = 2")));
            deleteTree(repo, "vendor");

            ComputedMerge merge = new RepositoryMerge(repo.repository()).compute("main", "feature");

            assertThat(merge.conflicts()).extracting(PathConflict::kind).containsExactly(ConflictKind.RENAME);
        }
    }

    private static Tree withUntouchedDirectory() {
        Tree tree = Tree.of();
        for (int i = 0; i < 5; i++) {
            tree.file("vendor/lib" + i + "/File" + i + ".txt", "vendored " + i + "\n");
        }
        return tree;
    }

    /** Deletes the loose tree object of {@code path} (the same on every commit) and returns its id. */
    private static ObjectId deleteTree(ScenarioRepo repo, String path) throws Exception {
        ObjectId id = subtree(repo, repo.head("main"), path);
        String name = id.name();
        File object = new File(repo.repository().getDirectory(), "objects/" + name.substring(0, 2) + "/"
                + name.substring(2));
        Files.delete(object.toPath());
        return id;
    }

    private static ObjectId subtree(ScenarioRepo repo, ObjectId commit, String path) throws Exception {
        RevCommit parsed = repo.repository().parseCommit(commit);
        try (TreeWalk walk = TreeWalk.forPath(repo.repository(), path, parsed.getTree())) {
            return walk.getObjectId(0);
        }
    }
}
