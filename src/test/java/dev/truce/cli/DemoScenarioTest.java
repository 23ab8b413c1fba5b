package dev.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command resolves the demo scenario completely: guards what a new user sees first. */
class DemoScenarioTest {

    @TempDir
    Path dir;

    @Test
    void theDemoScenarioResolvesIntoATwoParentMergeWithoutMarkers() throws Exception {
        Path repoDir = dir.resolve("demo");
        Process script = new ProcessBuilder("bash", new File("fixtures/demo-scenario.sh").getAbsolutePath(),
                repoDir.toString()).redirectErrorStream(true).start();
        String scriptOutput = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(scriptOutput).isZero();

        CommandRun run = CommandRun.truce("resolve", "--repo", repoDir.toString(), "--ours", "main", "--theirs",
                "feature", "--branch", "resolved");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("version-bump").contains("import-union").contains("Wrote branch resolved");
        try (Git git = Git.open(repoDir.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repo = git.getRepository();
            RevCommit merge = walk.parseCommit(repo.resolve("refs/heads/resolved"));
            assertThat(merge.getParents()).extracting(p -> p.getId())
                    .containsExactly(repo.resolve("main"), repo.resolve("feature"));
            String pom = read(repo, merge, "pom.xml");
            assertThat(pom).contains("<jackson.version>2.17.2</jackson.version>")
                    .contains("<junit.version>5.11.3</junit.version>").doesNotContain("<<<<<<<");
            assertThat(read(repo, merge, "src/main/java/shop/App.java"))
                    .contains("import java.time.Clock;\nimport java.time.Duration;\nimport java.util.List;");
        }
    }

    private static String read(Repository repo, RevCommit commit, String path) throws Exception {
        try (TreeWalk walk = TreeWalk.forPath(repo, path, commit.getTree())) {
            ObjectId blob = walk.getObjectId(0);
            ObjectLoader loader = repo.open(blob);
            return new String(loader.getBytes(), StandardCharsets.UTF_8);
        }
    }
}
