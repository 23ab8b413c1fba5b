package dev.truce.cli;

import static dev.truce.cli.CommandRun.truce;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;

/**
 * {@code truce resolve --validate}: a recorded model's first answer does not compile (it calls a method main
 * renamed), javac's error goes back to the model, its second answer compiles, and only then is the merge written.
 */
class ResolveValidateCommandTest {

    static final String PRICES = "package shop;\n\npublic class Prices {\n    public static int %s(int a, int b) {\n"
            + "        return a + b;\n    }\n}\n";
    static final String CART = "package shop;\n\npublic class Cart {\n    int items() {\n        return %s;\n    }\n}\n";
    /** javac on the checkout, into a folder of the checkout. */
    static final String BUILD = "mkdir -p out && javac -d out $(find src -name '*.java')";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** main renames total to sum and updates the call; feature doubles the result of the old call. */
    private void scenario() throws Exception {
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        Tree base = Tree.of().file("src/shop/Prices.java", PRICES.formatted("total"))
                .file("src/shop/Cart.java", CART.formatted("Prices.total(1, 2)"));
        repo.threeWay(base, base.copy().file("src/shop/Prices.java", PRICES.formatted("sum"))
                .file("src/shop/Cart.java", CART.formatted("Prices.sum(1, 2)")),
                base.copy().file("src/shop/Cart.java", CART.formatted("Prices.total(1, 2) * 2")));
        repo.close();
        Files.createDirectories(dir.resolve("answers"));
    }

    private CommandRun resolve(String... extra) {
        return truce(Stream.concat(Stream.of("resolve", "--repo", dir.resolve("repo").toString(), "--ours", "main",
                "--theirs", "feature", "--branch", "resolved", "--model", "replay:" + dir.resolve("answers"),
                "--dump-prompts", dir.resolve("prompts").toString(), "--validate", BUILD), Stream.of(extra))
                .toArray(String[]::new));
    }

    @Test
    void theBuildErrorGoesBackToTheModelAndTheRepairedMergeIsWrittenOnlyOnceItCompiles() throws Exception {
        scenario();
        Set<Path> answered = new HashSet<>();

        CommandRun first = resolve("--no-sandbox");
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
        answer(newPrompt(answered), "        return Prices.total(1, 2) * 2;", "doubles the count");

        CommandRun second = resolve("--no-sandbox");
        assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(1);
        assertThat(second.out()).contains("Build: FAILED", "src/shop/Cart.java:5", "[hunk 0]")
                .contains("nothing written");
        Path repair = newPrompt(answered);
        JsonNode request = JSON.readTree(repair.toFile());
        assertThat(request.get("content").asString()).contains("CHECK FAILED for h0",
                "  |         return Prices.total(1, 2) * 2;", "src/shop/Cart.java:5", "cannot find symbol");
        answer(repair, "        return Prices.sum(1, 2) * 2;", "sum is total's new name");

        CommandRun third = resolve("--no-sandbox");
        assertThat(third.exitCode()).as(third.out() + third.err()).isZero();
        assertThat(third.out()).contains("Build (first): FAILED", "Build (after repair round 1): passed",
                "Wrote branch resolved");
        try (Repository repository = new FileRepositoryBuilder().findGitDir(dir.resolve("repo").toFile()).build();
                RevWalk walk = new RevWalk(repository)) {
            RevCommit merge = walk.parseCommit(repository.resolve("resolved"));
            assertThat(ScenarioRepo.read(repository, merge, "src/shop/Cart.java"))
                    .isEqualTo(CART.formatted("Prices.sum(1, 2) * 2"));
            assertThat(merge.getFullMessage()).contains("Build: passed after 1 repair round(s)", "javac");
        }
    }

    static final String TOTALS = "package shop;\n\npublic class Totals {\n    public static int %s {\n"
            + "        return %s;\n    }\n\n    static int one() {\n        return 1;\n    }\n\n"
            + "    static int two() {\n        return %s;\n    }\n}\n";

    @Test
    void aBuildErrorInCleanlyMergedLinesIsFixedThereAndListedApartFromTheHunks() throws Exception {
        // main renames total to sum; feature renames its parameters and, far below, starts calling total.
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        Tree base = Tree.of().file("src/shop/Totals.java", TOTALS.formatted("total(int a, int b)", "a + b", "2"));
        repo.threeWay(base, base.copy().file("src/shop/Totals.java", TOTALS.formatted("sum(int a, int b)", "a + b",
                "2")), base.copy().file("src/shop/Totals.java", TOTALS.formatted("total(int x, int y)", "x + y",
                        "total(1, 1)")));
        repo.close();
        Files.createDirectories(dir.resolve("answers"));
        Set<Path> answered = new HashSet<>();
        CommandRun first = resolve("--no-sandbox");
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
        answer(newPrompt(answered), "    public static int sum(int x, int y) {\n        return x + y;",
                "main's name, feature's parameters");

        CommandRun second = resolve("--no-sandbox");
        assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(1);
        assertThat(second.out()).contains("src/shop/Totals.java:13", "[outside the conflicts]");
        Path outside = newPrompt(answered);
        String asked = JSON.readTree(outside.toFile()).get("content").asString();
        assertThat(asked).contains("error is in lines outside every conflict", "REGION h0 (lines 11-15",
                "  |         return total(1, 1);", "cannot find symbol");
        answer(outside, "\n    static int two() {\n        return sum(1, 1);\n    }\n}", "total is now sum");

        CommandRun third = resolve("--no-sandbox", "--report", dir.resolve("report.json").toString());

        assertThat(third.exitCode()).as(third.out() + third.err()).isZero();
        JsonNode edit = JSON.readTree(dir.resolve("report.json").toFile()).get("outsideEdits").get(0);
        assertThat(edit.get("path").asString()).isEqualTo("src/shop/Totals.java");
        assertThat(edit.get("line").asInt()).isEqualTo(11);
        assertThat(edit.get("after").get(2).asString()).isEqualTo("        return sum(1, 1);\n");
        assertThat(third.out()).contains("Build (after repair round 1): passed",
                "Changed outside the conflicts to make the build pass:", "src/shop/Totals.java line 11",
                "    -         return total(1, 1);", "    +         return sum(1, 1);");
        try (Repository repository = new FileRepositoryBuilder().findGitDir(dir.resolve("repo").toFile()).build();
                RevWalk walk = new RevWalk(repository)) {
            RevCommit merge = walk.parseCommit(repository.resolve("resolved"));
            assertThat(ScenarioRepo.read(repository, merge, "src/shop/Totals.java"))
                    .isEqualTo(TOTALS.formatted("sum(int x, int y)", "x + y", "sum(1, 1)"));
            assertThat(merge.getFullMessage()).contains("Changed outside the conflicts: src/shop/Totals.java line 11");
        }
    }

    @Test
    void aBuildErrorInAFileWithoutConflictsIsFixedThereToo() throws Exception {
        // main renames total to sum; feature renames its parameters and, in Cart.java (no conflict), calls total.
        String prices = "package shop;\n\npublic class Prices {\n    public static int %s {\n        return %s;\n"
                + "    }\n}\n";
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        Tree base = Tree.of().file("src/shop/Prices.java", prices.formatted("total(int a, int b)", "a + b"))
                .file("src/shop/Cart.java", CART.formatted("1"));
        repo.threeWay(base, base.copy().file("src/shop/Prices.java", prices.formatted("sum(int a, int b)", "a + b")),
                base.copy().file("src/shop/Prices.java", prices.formatted("total(int x, int y)", "x + y"))
                        .file("src/shop/Cart.java", CART.formatted("Prices.total(1, 2)")));
        repo.close();
        Files.createDirectories(dir.resolve("answers"));
        Set<Path> answered = new HashSet<>();
        assertThat(resolve("--no-sandbox").exitCode()).isEqualTo(1);
        answer(newPrompt(answered), "    public static int sum(int x, int y) {\n        return x + y;",
                "main's name, feature's parameters");
        CommandRun second = resolve("--no-sandbox");
        assertThat(second.out()).as(second.out() + second.err()).contains("src/shop/Cart.java:5",
                "[outside the conflicts]");
        Path outside = newPrompt(answered);
        assertThat(JSON.readTree(outside.toFile()).get("content").asString()).contains("FILE src/shop/Cart.java",
                "  |         return Prices.total(1, 2);");
        answer(outside, "public class Cart {\n    int items() {\n        return Prices.sum(1, 2);\n    }\n}",
                "total is now sum");

        CommandRun third = resolve("--no-sandbox");

        assertThat(third.exitCode()).as(third.out() + third.err()).isZero();
        assertThat(third.out()).contains("Build (after repair round 1): passed", "src/shop/Cart.java line 3");
        try (Repository repository = new FileRepositoryBuilder().findGitDir(dir.resolve("repo").toFile()).build();
                RevWalk walk = new RevWalk(repository)) {
            RevCommit merge = walk.parseCommit(repository.resolve("resolved"));
            assertThat(ScenarioRepo.read(repository, merge, "src/shop/Cart.java"))
                    .isEqualTo(CART.formatted("Prices.sum(1, 2)"));
            assertThat(ScenarioRepo.read(repository, merge, "src/shop/Prices.java"))
                    .isEqualTo(prices.formatted("sum(int x, int y)", "x + y"));
        }
    }

    @Test
    void withoutAnyModelABuildThatFailsWritesNothingAndSaysWhy() throws Exception {
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        // A strategy-resolvable conflict (both sides bump different lines) in a tree that does not compile at all.
        Tree base = Tree.of().file("src/A.java", "class A {\n  int a = 1;\n  int b = 2;\n}\n")
                .file("src/Broken.java", "class Broken { int x = ; }\n");
        repo.threeWay(base, base.copy().file("src/A.java", "class A {\n  int a = 10;\n  int b = 2;\n}\n"),
                base.copy().file("src/A.java", "class A {\n  int a = 1;\n  int b = 20;\n}\n"));
        repo.close();

        CommandRun run = truce("resolve", "--repo", dir.resolve("repo").toString(), "--ours", "main", "--theirs",
                "feature", "--validate", BUILD, "--no-sandbox");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Build: FAILED", "src/Broken.java:1", "[outside the conflicts]",
                "does not build; nothing written");
    }

    @Test
    void inTheSandboxTheSameBuildRunsWithoutNetworkOrHomeAndTheRepairStillWorks() throws Exception {
        Assumptions.assumeTrue(sandboxWorks(), "bubblewrap is not usable here: the sandboxed run is not tried");
        scenario();
        Set<Path> answered = new HashSet<>();
        assertThat(resolve().exitCode()).isEqualTo(1);
        answer(newPrompt(answered), "        return Prices.total(1, 2) * 2;", "doubles the count");
        assertThat(resolve().exitCode()).isEqualTo(1);
        answer(newPrompt(answered), "        return Prices.sum(1, 2) * 2;", "sum is total's new name");

        CommandRun run = resolve();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Build (after repair round 1): passed", "sandbox");
    }

    private static boolean sandboxWorks() {
        try {
            dev.truce.validate.BubblewrapSandbox.create(dev.truce.validate.SandboxSettings.defaults());
            return true;
        } catch (dev.truce.validate.SandboxUnavailableException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The one prompt dumped that has no answer yet. */
    private Path newPrompt(Set<Path> answered) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("prompts"))) {
            List<Path> fresh = files.filter(p -> !answered.contains(p.getFileName())).toList();
            assertThat(fresh).hasSize(1);
            answered.add(fresh.get(0).getFileName());
            return fresh.get(0);
        }
    }

    private void answer(Path prompt, String line, String rationale) throws Exception {
        Files.createDirectories(dir.resolve("answers"));
        Files.writeString(dir.resolve("answers").resolve(prompt.getFileName()), JSON.writeValueAsString(JSON
                .createObjectNode().put("answer", "<<<HUNK h0 RESOLVED confidence=high>>>\n" + line + "\n<<<END h0>>>\n"
                        + "rationale: " + rationale + "\n")));
    }
}
