package dev.truce.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.truce.context.ContextAssembler;
import dev.truce.llm.ModelClient;
import dev.truce.llm.ModelException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

    private final ProviderStub stub = new ProviderStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    private ModelCatalog catalog(String yaml, Map<String, String> environment) {
        return stub.catalog(yaml, environment);
    }

    @Test
    void readsTheDocumentedExample() {
        ModelCatalog catalog = catalog(ProviderStub.fixture("catalog/models.yaml"), Map.of());

        ModelSettings local = catalog.models().get("local-coder");
        assertThat(local.provider()).isEqualTo(ProviderKind.OLLAMA);
        assertThat(local.baseUrl()).isEqualTo(URI.create("http://localhost:11434"));
        assertThat(local.local()).isTrue();
        assertThat(local.prices()).isEqualTo(Prices.FREE);

        ModelSettings claude = catalog.models().get("claude");
        assertThat(claude.provider()).isEqualTo(ProviderKind.ANTHROPIC);
        assertThat(claude.local()).isFalse();
        assertThat(claude.apiKey()).isEqualTo(ApiKeySource.environment("ANTHROPIC_API_KEY"));
        assertThat(claude.timeouts()).isEqualTo(new ModelSettings.Timeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(120)));
        assertThat(claude.limits()).isEqualTo(new ModelSettings.CallLimits(4, 2));
        assertThat(claude.retry().maxAttempts()).isEqualTo(3);
        assertThat(claude.retry().baseBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(claude.prices().cachedInputPerMillion()).isEqualByComparingTo("0.30");

        ModelSettings vllm = catalog.models().get("team-vllm");
        assertThat(vllm.local()).as("a private address counts as local").isTrue();

        assertThat(catalog.budget()).isNotNull();
    }

    @Test
    void buildsAWorkingClientWithTheKeyFromTheEnvironmentAndNeverPrintsIt() throws ModelException {
        stub.answerAnthropicWithSuccess();
        ModelCatalog catalog = catalog(ProviderStub.CLAUDE_MODELS + "budget:\n  per-day: 5.00\n",
                Map.of("TRUCE_TEST_KEY", ProviderStub.API_KEY));

        ModelClient client = catalog.client("claude", "acme/app#7");
        client.complete(ProviderStub.REQUEST);

        stub.server.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(ProviderStub.API_KEY)));
        // 86 uncached × 3 + 1920 cached × 0.3 + 300 output × 15, per million
        assertThat(catalog.meter().totalCost()).isEqualByComparingTo(new BigDecimal("0.005334"));
        assertThat(catalog.budget().spentOn("acme/app#7")).isEqualByComparingTo("0.005334");
        assertThat(client.toString()).doesNotContain(ProviderStub.API_KEY);
        assertThat(catalog.models().get("claude").toString()).contains("env:TRUCE_TEST_KEY")
                .doesNotContain(ProviderStub.API_KEY);
        assertThat(client.isLocal()).as("the stand-in listens on loopback").isTrue();
    }

    @Test
    void modelsOfOneEndpointShareACircuitBreaker() throws ModelException {
        ModelCatalog catalog = catalog("""
                models:
                  small: {provider: openai, base-url: "${stub}/v1", model: small,
                      retry: {max-attempts: 1, breaker-failures: 2}}
                  large: {provider: openai, base-url: "${stub}/v1", model: large,
                      retry: {max-attempts: 1, breaker-failures: 2}}
                """, Map.of());
        stub.server.stubFor(post("/v1/chat/completions").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.serverError()));
        ModelClient small = catalog.client("small");
        ModelClient large = catalog.client("large");

        assertThatThrownBy(() -> small.complete(ProviderStub.REQUEST)).hasMessageContaining("HTTP 500");
        assertThatThrownBy(() -> large.complete(ProviderStub.REQUEST)).hasMessageContaining("HTTP 500");
        assertThatThrownBy(() -> small.complete(ProviderStub.REQUEST)).hasMessageContaining("is unavailable");
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void aMissingKeyNamesTheVariableToSet() {
        ModelCatalog catalog = catalog("""
                models:
                  gpt: {provider: openai, model: gpt-4o, api-key-env: OPENAI_API_KEY}
                """, Map.of());
        assertThatThrownBy(() -> catalog.client("gpt"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("OPENAI_API_KEY is not set");
    }

    @Test
    void readsTheKeyFromASecretFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("key"), ProviderStub.API_KEY + "\n");
        assertThat(ApiKeySource.file(secret).resolve(name -> null)).contains(ProviderStub.API_KEY);
        assertThat(ApiKeySource.file(secret).toString()).doesNotContain(ProviderStub.API_KEY);
    }

    @Test
    void anUnknownModelListsTheConfiguredOnes() {
        ModelCatalog catalog = catalog(ProviderStub.fixture("catalog/models.yaml"), Map.of());
        assertThatThrownBy(() -> catalog.client("gpt-5"))
                .hasMessage("no model named 'gpt-5' is configured; configured models: [claude, gpt, local-coder,"
                        + " team-vllm]");
    }

    @Test
    void aTypoInAKeyIsReportedWithWhereItIs() {
        assertThatThrownBy(() -> catalog("""
                models:
                  gpt: {provider: openai, model: gpt-4o, api_key_env: OPENAI_API_KEY}
                """, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("models.yaml: models.gpt: unknown key 'api_key_env'");
    }

    @Test
    void localByDefaultOnlyForOllamaAndThisMachineOrPrivateNetworks() {
        assertThat(local(ProviderKind.OPENAI, "http://127.0.0.1:8080/v1")).isTrue();
        assertThat(local(ProviderKind.OPENAI, "http://localhost:1234/v1")).isTrue();
        assertThat(local(ProviderKind.OPENAI, "http://192.168.1.20:8000/v1")).isTrue();
        assertThat(local(ProviderKind.OPENAI, "http://[::1]:8000/v1")).isTrue();
        assertThat(local(ProviderKind.OPENAI, "https://api.openai.com/v1")).isFalse();
        assertThat(local(ProviderKind.OPENAI, "http://8.8.8.8/v1")).isFalse();
        assertThat(local(ProviderKind.OLLAMA, "https://ollama.example.com")).isTrue();
    }

    private static boolean local(ProviderKind kind, String url) {
        return ModelSettings.of("m", kind, url, "m").local();
    }

    @Test
    void installationsGrantModelsByAccountAndEveryMistakeIsNamed() {
        String models = "models:\n  local-coder: {provider: ollama, model: qwen}\n  claude: {provider: anthropic,"
                + " model: c}\n";
        ModelCatalog catalog = catalog(models + "installations:\n  Acme: {models: [claude, local-coder], per-day: 3}\n"
                + "  \"*\": {models: [local-coder]}\n", Map.of());

        assertThat(catalog.grants().restricted()).isTrue();
        assertThat(catalog.grants().of("acme").orElseThrow().allows("claude")).isTrue();
        assertThat(catalog.grants().of("acme").orElseThrow().perDay()).isEqualByComparingTo("3");
        assertThat(catalog.grants().of("someone-else").orElseThrow().allows("claude")).isFalse();
        assertThat(catalog(models, Map.of()).grants().of("anyone").orElseThrow().allows("claude"))
                .as("no installations section: every model").isTrue();
        assertThat(catalog(models + "installations:\n  acme: {models: [claude]}\n", Map.of()).grants()
                .of("someone-else")).as("not listed and no catch-all: nothing").isEmpty();
        assertThatThrownBy(() -> catalog.client("claude", "someone-else", "x/y#1"))
                .isInstanceOf(ModelException.class).hasMessageContaining("may not use model claude");

        assertThatThrownBy(() -> catalog(models + "installations:\n  acme: {models: [gpt]}\n", Map.of()))
                .hasMessageContaining("installations.acme.models: no model named 'gpt'")
                .hasMessageContaining("[claude, local-coder]");
        assertThatThrownBy(() -> catalog(models + "installations:\n  acme: {per-day: 3}\n", Map.of()))
                .hasMessageContaining("installations.acme.models: list the models");
        assertThatThrownBy(() -> catalog(models + "installations:\n  acme: {models: [claude], budget: 3}\n", Map.of()))
                .hasMessageContaining("unknown key 'budget'");
        assertThatThrownBy(() -> catalog(models + "installations:\n  acme: {models: [claude]}\n  ACME: {models: []}\n",
                Map.of())).hasMessageContaining("listed twice");
    }

    @Test
    void aModelsWindowSetsThePromptBudgetOfItsStage() throws ModelException {
        ModelCatalog catalog = catalog("""
                models:
                  frontier: {provider: openai, base-url: "${stub}/v1", model: big, max-input-tokens: 200000}
                  small: {provider: openai, base-url: "${stub}/v1", model: small}
                """, Map.of());

        assertThat(catalog.models().get("frontier").maxInputTokens()).isEqualTo(200_000);
        assertThat(catalog.client("frontier", null).maxInputTokens()).isEqualTo(200_000);
        assertThat(catalog.client("small", null).maxInputTokens()).isZero();
        ContextAssembler.TokenBudget big = ContextAssembler.TokenBudget.forModel(200_000);
        assertThat(big.maxInputTokens()).isEqualTo(200_000);
        assertThat(big.declarationMax()).isGreaterThan(ContextAssembler.TokenBudget.DEFAULT.declarationMax());
        assertThat(dev.truce.context.ContextAssembler.TokenBudget.forModel(0))
                .isEqualTo(dev.truce.context.ContextAssembler.TokenBudget.DEFAULT);
        assertThatThrownBy(() -> catalog("""
                models:
                  m: {provider: openai, model: m, max-input-tokens: lots}
                """, Map.of())).hasMessageContaining("'models.m.max-input-tokens' must be a whole number, not 'lots'");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotTheLastOneWinning() {
        assertThatThrownBy(() -> catalog("""
                models:
                  gpt:
                    provider: openai
                    model: gpt-4o
                    model: gpt-4o-mini
                """, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("models.yaml: key 'model' is given twice (line 5); keep one of them");
        assertThatThrownBy(() -> catalog("""
                models:
                  gpt: {provider: openai, model: a}
                  gpt: {provider: openai, model: b}
                """, Map.of())).hasMessageContaining("key 'gpt' is given twice (line 3)");
    }

    @Test
    void unknownKeysAtEveryLevelAreNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> catalog("""
                models:
                  gpt: {provider: openai, model: gpt-4o}
                budgets: {per-day: 5}
                """, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("models.yaml: unknown key 'budgets'; known keys: budget, installations, models");
        assertThatThrownBy(() -> catalog("""
                models:
                  gpt: {provider: openai, model: gpt-4o, retry: {maxAttempts: 2}}
                """, Map.of()))
                .hasMessageContaining("models.yaml: models.gpt.retry: unknown key 'maxAttempts' (did you mean"
                        + " 'models.gpt.retry.max-attempts'?)");
        assertThatThrownBy(() -> catalog("""
                models:
                  gpt: {provider: openai, model: gpt-4o, local: yes}
                """, Map.of())).hasMessageContaining("'models.gpt.local' must be true or false, not 'yes'");
    }

    @Test
    void numbersAndTextBothServeForDurationsAndDollars() {
        ModelCatalog catalog = catalog("""
                models:
                  gpt:
                    provider: openai
                    model: gpt-4o
                    timeouts: {connect: 2, call: 90s}
                    prices: {input: 2.5, output: "$10"}
                budget: {per-day: 5, per-pull-request: "0.50"}
                """, Map.of());
        ModelSettings gpt = catalog.models().get("gpt");
        assertThat(gpt.timeouts()).isEqualTo(new ModelSettings.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(90)));
        assertThat(gpt.prices().outputPerMillion()).isEqualByComparingTo("10");
        assertThat(gpt.prices().inputPerMillion()).isEqualByComparingTo("2.5");
    }

    @Test
    void theCommandLineAsksTheSameCatalogAndReadsTheFileOnlyForAConfiguredName(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ModelCatalog.commandLineClient("gpt", null)).isInstanceOf(ModelException.class)
                .hasMessage("no model named gpt is configured: give a models file with --models FILE or TRUCE_MODELS"
                        + " (docs/models.md), or use replay:DIR");
        assertThatThrownBy(() -> ModelCatalog.commandLineClient("replay:" + dir.resolve("missing"), null))
                .hasMessageContaining("replay directory").hasMessageContaining("does not exist");
        assertThat(ModelCatalog.commandLineClient("replay:" + dir, dir.resolve("not-read.yml")))
                .isInstanceOf(dev.truce.llm.ReplayModelClient.class);

        Path file = java.nio.file.Files.writeString(dir.resolve("models.yml"),
                "models:\n  local: {provider: ollama, base-url: \"" + stub.baseUrl() + "\", model: qwen}\n");
        assertThat(ModelCatalog.commandLineClient("local", file).isLocal()).isTrue();
        assertThatThrownBy(() -> ModelCatalog.commandLineClient("gpt", file))
                .hasMessage(file + ": no model named 'gpt' is configured; configured models: [local]");
        java.nio.file.Files.writeString(file, "models:\n  local: {provider: ollama, model: a, model: b}\n");
        assertThatThrownBy(() -> ModelCatalog.commandLineClient("local", file))
                .hasMessageContaining("key 'model' is given twice");
    }

    @Test
    void theConfiguredModelsAreValuesInTheFilesOrderEachNameOnce() {
        ConfiguredModels configured = ConfiguredModels.parse(new StringReader("""
                models:
                  zeta: {provider: ollama, model: z}
                  alpha: {provider: ollama, model: a}
                budget: {per-day: 2}
                """), "models.yaml", Clock.systemUTC());

        assertThat(configured.models().keySet()).containsExactly("zeta", "alpha");
        assertThat(new ModelCatalog(configured, name -> null, Clock.systemUTC()).models())
                .isEqualTo(configured.models());
        assertThatThrownBy(() -> ConfiguredModels.of(List.of(configured.models().get("zeta"),
                configured.models().get("zeta")), SpendBudget.unlimited(), InstallationGrants.OPEN))
                .hasMessage("model zeta is configured twice");
    }
}
