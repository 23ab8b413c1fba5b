package dev.truce.cli;

import static dev.truce.cli.CommandRun.truce;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ResolveRevisionsCommandTest {

    static final String BASE = "a\nb\nold\nc\n";
    static final String OURS = "a\nb\nshared\nold\nc\n";
    static final String THEIRS = "a\nb\nshared\nmore\nc\n";

    @TempDir
    Path dir;

    private ScenarioRepo resolvable(Path at) throws Exception {
        ScenarioRepo repo = ScenarioRepo.init(at);
        Tree base = Tree.of().file("A.txt", BASE);
        repo.threeWay(base, base.copy().file("A.txt", OURS), base.copy().file("A.txt", THEIRS));
        return repo;
    }

    private ScenarioRepo unresolvable() throws Exception {
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        Tree base = Tree.of().file("A.txt", BASE).file("B.txt", "1\n2\n3\n");
        repo.threeWay(base, base.copy().file("A.txt", OURS).file("B.txt", "1\nO\n3\n"),
                base.copy().file("A.txt", THEIRS).file("B.txt", "1\nT\n3\n"));
        return repo;
    }

    @Test
    void resolvedMergeIsWrittenToADefaultBranchWithAReport() throws Exception {
        Path repoDir = dir.resolve("repo");
        ScenarioRepo repo = resolvable(repoDir);
        Path report = dir.resolve("report.json");
        String branch = "truce/resolve-" + repo.head("main").abbreviate(7).name() + "-"
                + repo.head("feature").abbreviate(7).name();

        CommandRun run = truce("resolve", "--repo", repoDir.toString(), "--ours", "main", "--theirs", "feature",
                "--report", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("A.txt [content]: resolved", "resolved by one-side-changed",
                "Wrote branch " + branch);
        Repository r = repo.repository();
        try (RevWalk walk = new RevWalk(r)) {
            RevCommit commit = walk.parseCommit(r.resolve(branch));
            assertThat(commit.getParents()).containsExactly(repo.head("main"), repo.head("feature"));
            assertThat(ScenarioRepo.read(r, commit, "A.txt")).isEqualTo(THEIRS);
        }
        JsonNode json = JsonMapper.builder().build().readTree(report.toFile());
        JsonNode file = json.get("files").get(0);
        assertThat(file.get("path").asString()).isEqualTo("A.txt");
        assertThat(file.get("kind").asString()).isEqualTo("content");
        assertThat(file.get("resolved").asBoolean()).isTrue();
        JsonNode hunk = file.get("hunks").get(0);
        assertThat(hunk.get("status").asString()).isEqualTo("resolved");
        assertThat(hunk.get("strategy").asString()).isEqualTo("one-side-changed");
        assertThat(hunk.get("oursLine").asInt()).isEqualTo(4);
    }

    @Test
    void conflictsLeftWriteNothingAndExitOne() throws Exception {
        ScenarioRepo repo = unresolvable();
        int refsBefore = repo.repository().getRefDatabase().getRefs().size();

        CommandRun run = truce("resolve", "--repo", dir.resolve("repo").toString(), "--ours", "main",
                "--theirs", "feature", "--branch", "out");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("B.txt [content]: NOT RESOLVED", "hunk 0 (ours line 2, theirs line 2): unresolved",
                "nothing written");
        assertThat(repo.repository().getRefDatabase().getRefs()).hasSize(refsBefore);
    }

    @Test
    void writePartialWritesTheBranchWithMarkers() throws Exception {
        ScenarioRepo repo = unresolvable();

        CommandRun run = truce("resolve", "--repo", dir.resolve("repo").toString(), "--ours", "main",
                "--theirs", "feature", "--branch", "out", "--write-partial");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Wrote branch out", "PARTIAL");
        try (RevWalk walk = new RevWalk(repo.repository())) {
            RevCommit commit = walk.parseCommit(repo.repository().resolve("out"));
            assertThat(ScenarioRepo.read(repo.repository(), commit, "B.txt")).contains("<<<<<<< main", ">>>>>>> feature");
            assertThat(ScenarioRepo.read(repo.repository(), commit, "A.txt")).isEqualTo(THEIRS);
        }
    }

    @Test
    void existingBranchIsRefusedUnlessForced() throws Exception {
        Path repoDir = dir.resolve("repo");
        ScenarioRepo repo = resolvable(repoDir);
        var main = repo.repository().resolve("main");

        CommandRun refused = truce("resolve", "--repo", repoDir.toString(), "--ours", "main", "--theirs", "feature",
                "--branch", "feature");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("truce: branch 'feature' already exists").contains("--force");
        assertThat(refused.err().lines()).hasSize(1);

        CommandRun forced = truce("resolve", "--repo", repoDir.toString(), "--ours", "main", "--theirs", "feature",
                "--branch", "feature", "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(repo.repository().resolve("feature")).isNotEqualTo(repo.repository().resolve("base"));
        assertThat(repo.repository().resolve("main")).isEqualTo(main);
    }

    @Test
    void bareRepositoryIsResolvedToo() throws Exception {
        Path bare = dir.resolve("bare.git");
        try (ScenarioRepo repo = ScenarioRepo.initBare(bare)) {
            Tree base = Tree.of().file("A.txt", BASE);
            repo.threeWay(base, base.copy().file("A.txt", OURS), base.copy().file("A.txt", THEIRS));

            CommandRun run = truce("resolve", "--repo", bare.toString(), "--ours", "main", "--theirs", "feature",
                    "--branch", "merged");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(repo.repository().resolve("merged")).isNotNull();
        }
    }

    @Test
    void badInputIsAOneLineErrorWithExitTwo() throws Exception {
        Path repoDir = dir.resolve("repo");
        resolvable(repoDir);
        Path notRepo = Files.createDirectories(dir.resolve("plain"));

        assertBadInput(truce("resolve", "--repo", notRepo.toString(), "--ours", "a", "--theirs", "b"),
                "truce: not a git repository");
        assertBadInput(truce("resolve", "--repo", repoDir.toString(), "--ours", "main", "--theirs", "nope"),
                "truce: unknown revision 'nope'");
        assertBadInput(truce("resolve", "--repo", repoDir.toString(), "--ours", "main^{tree}", "--theirs", "feature"),
                "truce: 'main^{tree}' is a tree, not a commit");
        assertBadInput(truce("resolve", "--repo", repoDir.toString(), "--ours", "main"),
                "truce: give both --ours and --theirs");
        assertBadInput(truce("resolve", "--repo", repoDir.toString()), "truce: no merge in progress");
        assertThat(truce("resolve", "--bogus").exitCode()).isEqualTo(2);
    }

    private static void assertBadInput(CommandRun run, String message) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(message);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void topLevelCommandWithoutSubcommandPrintsUsage() {
        CommandRun run = truce();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("resolve");
    }

    @Test
    void optInStrategiesRunOnlyWhenNamedAndUnknownNamesAreRefused() throws Exception {
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("list"));
        String base = "Anna Arden\nBen Brook\nEve East\nZoe Zinn\n";
        Tree tree = Tree.of().file("AUTHORS", base);
        repo.threeWay(tree, tree.copy().file("AUTHORS", base.replace("Eve East\n", "Eve East\nFred Fox\n")),
                tree.copy().file("AUTHORS", base.replace("Eve East\n", "Eve East\nGina Gold\n")));
        String repoDir = dir.resolve("list").toString();

        CommandRun byDefault = truce("resolve", "--repo", repoDir, "--ours", "main", "--theirs", "feature");
        assertThat(byDefault.exitCode()).isNotZero();
        assertThat(byDefault.out()).contains("AUTHORS [content]: NOT RESOLVED; 1 of 1 hunks left");

        CommandRun withList = truce("resolve", "--repo", repoDir, "--ours", "main", "--theirs", "feature",
                "--with", "list-insertion");
        assertThat(withList.exitCode()).as(withList.err()).isZero();
        assertThat(withList.out()).contains("resolved by list-insertion");

        CommandRun typo = truce("resolve", "--repo", repoDir, "--ours", "main", "--theirs", "feature",
                "--with", "list-insert");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("unknown strategy list-insert", "opt-in: whitespace-carry, list-insertion");
    }
}
