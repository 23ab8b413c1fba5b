package dev.truce.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.truce.cli.CommandRun.truce;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import tools.jackson.databind.json.JsonMapper;

/** {@code truce resolve --model NAME --models FILE}: a configured OpenAI-compatible model, played by WireMock. */
class ResolveWithConfiguredModelTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void aConfiguredModelAnswersOverItsWireFormatAndTheMergeCommitHasItsText() throws Exception {
        ScenarioRepo repo = priceConflict();
        stubAnswer(812, 31);
        Path models = dir.resolve("models.yml");
        Files.writeString(models, "models:\n  local-coder:\n    provider: openai\n    base-url: " + server.baseUrl()
                + "/v1\n    model: local-coder\n");

        CommandRun run = truce("resolve", "--repo", dir.resolve("repo").toString(), "--ours", "main", "--theirs",
                "feature", "--branch", "out", "--model", "local-coder", "--models", models.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("resolved by model:local-coder");
        server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("local-coder")))
                .withRequestBody(containing("return a + TAX;")));
        Repository r = repo.repository();
        try (RevWalk walk = new RevWalk(r)) {
            RevCommit commit = walk.parseCommit(r.resolve("out"));
            assertThat(ScenarioRepo.read(r, commit, "src/Price.java")).isEqualTo(ResolveWithModelTest.MERGED);
        }
    }

    @Test
    void withPricesInTheModelsFileTheRunShowsTheEstimatedCostOfTheTokensTheProviderReported() throws Exception {
        priceConflict();
        stubAnswer(812, 31);
        Path models = dir.resolve("models.yml");
        // $3 per million in, $15 per million out: 812 * 3 + 31 * 15 = 2,901 millionths of a dollar.
        Files.writeString(models, "models:\n  hosted-coder:\n    provider: openai\n    base-url: " + server.baseUrl()
                + "/v1\n    model: local-coder\n    prices:\n      input: 3\n      output: 15\n");

        CommandRun run = truce("resolve", "--repo", dir.resolve("repo").toString(), "--ours", "main", "--theirs",
                "feature", "--branch", "out", "--model", "hosted-coder", "--models", models.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Model model:hosted-coder asked about 1 hunk(s): 812 tokens in (0 cached),"
                + " 31 out", "estimated cost $0.002901");
    }

    /** ResolveWithModelTest's conflict in src/Price.java, which no strategy resolves, in {@code dir/repo}. */
    private ScenarioRepo priceConflict() throws Exception {
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        Tree base = Tree.of().file("src/Price.java", ResolveWithModelTest.BASE);
        repo.threeWay(base, base.copy().file("src/Price.java", ResolveWithModelTest.OURS),
                base.copy().file("src/Price.java", ResolveWithModelTest.THEIRS));
        return repo;
    }

    /** The model answers the hunk with the merged line, reporting the tokens given. */
    private void stubAnswer(int promptTokens, int completionTokens) throws Exception {
        String answer = "<<<HUNK h0 RESOLVED confidence=high>>>\n        return a * 2 + TAX;\n<<<END h0>>>\n"
                + "rationale: keeps the doubling and the tax\n";
        JsonMapper json = JsonMapper.builder().build();
        String body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"local-coder\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + json.writeValueAsString(answer) + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":"
                + promptTokens + ",\"completion_tokens\":" + completionTokens + "}}";
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void aNameMissingFromTheModelsFileIsAUsageErrorThatListsTheConfiguredOnes() throws Exception {
        ScenarioRepo.init(dir.resolve("repo")).threeWay(Tree.of().file("a.txt", "1\n"),
                Tree.of().file("a.txt", "2\n"), Tree.of().file("a.txt", "3\n"));
        Path models = dir.resolve("models.yml");
        Files.writeString(models, "models:\n  local-coder:\n    provider: ollama\n    model: qwen2.5-coder:7b\n");

        CommandRun run = truce("resolve", "--repo", dir.resolve("repo").toString(), "--ours", "main", "--theirs",
                "feature", "--model", "gpt", "--models", models.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no model named 'gpt' is configured", "local-coder");
    }
}
