package dev.truce.cli;

import dev.truce.testing.GitCli;
import static dev.truce.cli.CommandRun.truce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code truce resolve} shows the model a rename one side made in another file of the merge: ours renamed
 * {@code Tax.rate()} to {@code Tax.percent()} in src/Tax.java, theirs calls {@code Tax.rate()} in the conflict.
 */
class ResolveRelatedChangesTest {

    static final String PRICE = "class Price {\n    int total(int a) {\n        return a;\n    }\n}\n";
    static final String TAX = "class Tax {\n    static int rate() {\n        return 20;\n    }\n}\n";
    static final String FACT = "ours renamed `rate` to `percent` in src/Tax.java:2; the conflict uses the old name `rate`";

    @TempDir
    Path dir;

    private void scenario(Path at) throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(at)) {
            Tree base = Tree.of().file("src/Price.java", PRICE).file("src/Tax.java", TAX);
            repo.threeWay(base,
                    base.copy().file("src/Price.java", PRICE.replace("return a;", "return a + 1;"))
                            .file("src/Tax.java", TAX.replace("rate()", "percent()")),
                    base.copy().file("src/Price.java", PRICE.replace("return a;", "return a * Tax.rate();")));
        }
    }

    private static String onlyPromptContent(Path prompts) throws Exception {
        try (Stream<Path> files = Files.list(prompts)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return JsonMapper.builder().build().readTree(all.get(0).toFile()).get("content").asString();
        }
    }

    @Test
    void aRenameInAnotherFileOfTheMergeReachesThePrompt() throws Exception {
        scenario(dir.resolve("repo"));
        Path prompts = dir.resolve("prompts");

        CommandRun run = truce("resolve", "--repo", dir.resolve("repo").toString(), "--ours", "main", "--theirs",
                "feature", "--dump-prompts", prompts.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(onlyPromptContent(prompts)).contains("RELATED CHANGES", FACT);
    }

    @Test
    void aMergeInProgressInAWorkTreeFindsTheRenameToo() throws Exception {
        assumeTrue(GitCli.available(), "the git CLI is needed to stop a real merge on conflicts");
        Path work = dir.resolve("work");
        scenario(work);
        assertThat(git(work, "reset", "--hard", "main").exitCode()).isZero();
        assertThat(git(work, "merge", "--no-edit", "feature").exitCode()).isEqualTo(1);
        Path prompts = dir.resolve("prompts");

        CommandRun run = truce("resolve", "--repo", work.toString(), "--dump-prompts", prompts.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(onlyPromptContent(prompts)).contains(FACT);
    }

    private GitCli.Result git(Path work, String... args) throws IOException, InterruptedException {
        return new GitCli(dir).run(work, args);
    }
}
