package dev.truce.pullrequest;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.truce.provider.ModelCatalog;
import dev.truce.testing.MutableClock;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.truce.fetch.RepositoryCache;
import dev.truce.github.GitCommitInfo;
import dev.truce.github.PullRequestInfo;
import dev.truce.github.RepoRef;
import dev.truce.publish.AppIdentity;
import dev.truce.publish.InMemoryCommentLedger;
import dev.truce.testing.FakeGitHub;
import dev.truce.testing.GitHttpServer;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A repository served over HTTP with a pull request #5 from {@code feature} into {@code main}, a fake GitHub, and
 * the pipeline under test. {@code main} has moved on for longer than the first fetch depth.
 */
final class PullRequestScenario implements AutoCloseable {

    static final RepoRef REPO = new RepoRef(7, "octo", "app");
    static final String TOKEN = "ghs_installation_token";
    static final AppIdentity APP = new AppIdentity("truce-app", 41);

    static final String BASE = "class A {\n  int a;\n  int old;\n  int z;\n}\n";
    /** The PR adds a field. */
    static final String HEAD = "class A {\n  int a;\n  int shared;\n  int old;\n  int z;\n}\n";
    /** main adds the same field and turns the old one into another: one-side-changed resolves to this. */
    static final String MAIN = "class A {\n  int a;\n  int shared;\n  int more;\n  int z;\n}\n";

    final ScenarioRepo origin;
    final GitHttpServer server;
    final FakeGitHub gitHub;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final Path dir;
    PullRequestPipeline pipeline;
    final Tree baseTree = Tree.of().file("A.java", BASE).file("README.md", "app\n");
    RevCommit forkPoint;
    RevCommit head;
    RevCommit main;

    PullRequestScenario(Path dir) throws Exception {
        this.dir = dir;
        origin = ScenarioRepo.initBare(dir.resolve("origin.git"));
        server = GitHttpServer.start(dir).serve("octo", "app", origin.repository()).requireToken(TOKEN);
        gitHub = new FakeGitHub(r -> server.uri(r.owner(), r.name()), TOKEN);
        gitHub.commits = this::commitInfo;
        gitHub.botLogin = APP.name();
        pipeline = new PullRequestPipeline(gitHub, new RepositoryCache(dir.resolve("cache"), 1L << 30, clock),
                new InMemoryCommentLedger(1000), PipelineSettings.defaults(APP).withFetchDepth(2, 64), clock);
    }

    /** The pipeline records what it resolved in {@code metrics}. */
    PullRequestScenario withMetrics(dev.truce.observe.ResolutionMetrics metrics) {
        pipeline = new PullRequestPipeline(gitHub, new RepositoryCache(dir.resolve("cache"), 1L << 30, clock),
                new InMemoryCommentLedger(1000), PipelineSettings.defaults(APP).withFetchDepth(2, 64), clock,
                AppModels.NONE, metrics);
        return this;
    }

    /** The pipeline asks {@code models} about the hunks no strategy resolves, where the repository allows it. */
    PullRequestScenario withModels(AppModels models) {
        pipeline = new PullRequestPipeline(gitHub, new RepositoryCache(dir.resolve("cache"), 1L << 30, clock),
                new InMemoryCommentLedger(1000), PipelineSettings.defaults(APP).withFetchDepth(2, 64), clock, models);
        return this;
    }

    /** An OpenAI-compatible chat completion whose message is {@code answer}, as a WireMock response. */
    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder modelReply(String answer) {
        String body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"coder\",\"choices\":[{"
                + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(answer)
                + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":40}}";
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body);
    }

    /**
     * The models file of the App with the hosted model {@code coder} (OpenAI-compatible at {@code url}, marked
     * {@code local: false}) followed by {@code more} (further keys of {@code coder}, other models, other sections).
     */
    static AppModels hostedCoder(String url, String more) {
        String yaml = "models:\n  coder:\n    provider: openai\n    base-url: " + url + "/v1\n    model: coder\n"
                + "    local: false\n" + more;
        return new AppModels(ModelCatalog.parse(new StringReader(yaml), "models.yml", name -> null,
                Clock.systemUTC()), "coder");
    }

    /** The model answers {@code first}, then {@code then} to every further request (the repair rounds). */
    static void answersInRounds(WireMockExtension model, String first, String then) {
        model.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("rounds").whenScenarioStateIs(STARTED)
                .willReturn(modelReply(first)).willSetStateTo("repair"));
        model.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("rounds").whenScenarioStateIs("repair")
                .willReturn(modelReply(then)));
    }

    /** The pipeline asks {@code models} and builds with the repository's commands where {@code builds} allows. */
    PullRequestScenario withModelsAndBuilds(AppModels models, AppBuilds builds) {
        pipeline = new PullRequestPipeline(gitHub, new RepositoryCache(dir.resolve("cache"), 1L << 30, clock),
                new InMemoryCommentLedger(1000), PipelineSettings.defaults(APP).withFetchDepth(2, 64), clock, models,
                dev.truce.observe.ResolutionMetrics.NONE, builds);
        return this;
    }

    /** The pipeline asks {@code models} and learns from the repository's history as {@code learning} does. */
    PullRequestScenario withLearning(AppModels models, RepositoryLearning learning) {
        pipeline = new PullRequestPipeline(gitHub, new RepositoryCache(dir.resolve("cache"), 1L << 30, clock),
                new InMemoryCommentLedger(1000), PipelineSettings.defaults(APP).withFetchDepth(2, 64), clock, models,
                dev.truce.observe.ResolutionMetrics.NONE, AppBuilds.OFF, learning);
        return this;
    }

    /** The fork point's {@code path} reads {@code text} (before {@link #conflicting}). */
    PullRequestScenario withBase(String path, String text) {
        baseTree.file(path, text);
        return this;
    }

    /** Base, then the PR's commit on feature, then main moving on by four commits, the last conflicting. */
    PullRequestScenario conflicting(String headText, String mainText) throws Exception {
        return conflicting("A.java", headText, mainText);
    }

    /** As {@link #conflicting(String, String)}, for any file of {@link #baseTree}. */
    PullRequestScenario conflicting(String path, String headText, String mainText) throws Exception {
        forkPoint = origin.commit("main", baseTree, "base");
        head = origin.commit("feature", baseTree.copy().file(path, headText), "pr: add shared", forkPoint);
        main = forkPoint;
        for (int i = 1; i <= 3; i++) {
            main = origin.commit("main", baseTree.copy().file("README.md", "app " + i + "\n"), "main " + i, main);
        }
        main = origin.commit("main", baseTree.copy().file("README.md", "app 3\n").file(path, mainText),
                "main: add fields", main);
        publishPull(head, "octo/app");
        return this;
    }

    /** Points {@code refs/pull/5/head} at {@code commit} and tells the fake GitHub. */
    void publishPull(RevCommit commit, String headRepo) throws Exception {
        origin.setRef("refs/pull/5/head", commit);
        gitHub.pull(new PullRequestInfo(5, "Add shared", "", true, false, "feature", commit.name(), headRepo, "main",
                main.name(), "alice", "https://github.com/octo/app/pull/5"));
    }

    /** The PR's branch gets another commit. */
    RevCommit pushToHead(String text) throws Exception {
        head = origin.commit("feature", baseTree.copy().file("A.java", text).file("B.java", "class B {}\n"),
                "pr: more", head);
        publishPull(head, gitHub.pull(5).headRepo());
        return head;
    }

    void config(String yaml) {
        gitHub.file(main.name(), ".github/truce.yml", yaml);
    }

    void resolve() throws Exception {
        resolve(ResolveRequest.Trigger.PULL_REQUEST_EVENT);
    }

    void resolve(ResolveRequest.Trigger trigger) throws Exception {
        pipeline.resolve(new ResolveRequest(REPO, 5, head.name(), main.name(), trigger,
                trigger == ResolveRequest.Trigger.COMMENT ? "maintainer" : null, 0));
    }

    /** Truce's branches in the served repository. */
    List<String> truceBranches() throws Exception {
        return origin.repository().getRefDatabase().getRefsByPrefix(Constants.R_HEADS + "truce/").stream()
                .map(Ref::getName).toList();
    }

    RevCommit commitOf(String branch) throws Exception {
        return origin.head(branch);
    }

    /** GitHub's git database answer for a commit of the served repository. */
    private Optional<GitCommitInfo> commitInfo(String sha) {
        try (RevWalk walk = new RevWalk(origin.repository())) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            return Optional.of(new GitCommitInfo(sha, commit.getAuthorIdent().getName(),
                    commit.getAuthorIdent().getEmailAddress(), commit.getCommitterIdent().getName(),
                    commit.getCommitterIdent().getEmailAddress()));
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return Optional.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        origin.close();
    }
}
