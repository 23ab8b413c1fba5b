package dev.truce.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import dev.truce.github.PullRequestInfo;
import dev.truce.github.RepoRef;
import dev.truce.testing.FakeGitHub;
import dev.truce.testing.GitHttpServer;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullRequestFetcherTest {

    static final RepoRef REPO = new RepoRef(1, "octo", "app");

    @TempDir
    Path dir;

    GitHttpServer server;
    ScenarioRepo origin;
    RevCommit forkPoint;
    RevCommit head;
    RevCommit base;

    @BeforeEach
    void serve() throws Exception {
        origin = ScenarioRepo.initBare(dir.resolve("origin.git"));
        Tree tree = Tree.of().file("a.txt", "0\n");
        forkPoint = origin.commit("main", tree, "start");
        for (int i = 0; i < 30; i++) { // old history a shallow fetch need not bring
            forkPoint = origin.commit("main", tree.copy().file("old.txt", i + "\n"), "old " + i, forkPoint);
        }
        head = origin.commit("feature", tree.copy().file("b.txt", "pr\n"), "pr work", forkPoint);
        base = forkPoint;
        for (int i = 1; i <= 9; i++) { // the base moves on: 9 commits after the fork point
            base = origin.commit("main", tree.copy().file("a.txt", i + "\n"), "main " + i, base);
        }
        origin.setRef("refs/pull/5/head", head);
        server = GitHttpServer.start(dir).serve("octo", "app", origin.repository()).requireToken("ghs_right");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        origin.close();
    }

    PullRequestInfo pr() {
        return new PullRequestInfo(5, "t", "", true, false, "feature", head.name(), "octo/app", "main", base.name(),
                "alice", "https://github.com/octo/app/pull/5");
    }

    Repository local() throws Exception {
        Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve("local.git").toFile()).setBare()
                .build();
        repository.create(true);
        return repository;
    }

    @Test
    void deepensAShallowFetchUntilTheMergeBaseIsPresent() throws Exception {
        FakeGitHub gitHub = new FakeGitHub(r -> server.uri(r.owner(), r.name()), "ghs_right");
        try (Repository local = local()) {
            FetchedPullRequest fetched = new PullRequestFetcher(gitHub, 2, 64).fetch(local, REPO, pr());

            assertThat(fetched.head()).isEqualTo(head);
            assertThat(fetched.base()).isEqualTo(base);
            assertThat(fetched.depth()).as("the first depth (2) cannot reach 9 commits back").isGreaterThan(2);
            assertThat(PullRequestFetcher.hasMergeBase(local, fetched.head(), fetched.base())).isTrue();
            assertThat(local.getObjectDatabase().getShallowCommits()).as("still shallow: not the whole history")
                    .isNotEmpty();
        }
    }

    @Test
    void aSecondPullRequestDeepensTheShallowHistoryTheFirstLeftServedByGit() throws Exception {
        // A pull request made long ago from old history, fetched after #5 into the same cache (a replica's one
        // repository per GitHub repository): its deepening must unshallow the commits #5's fetch stopped at.
        RevCommit old = origin.repository().parseCommit(origin.repository().resolve("main~25"));
        RevCommit oldWork = origin.commit("old-feature", Tree.of().file("a.txt", "0\n").file("c.txt", "old pr\n"),
                "old pr work", old);
        origin.setRef("refs/pull/6/head", oldWork);
        PullRequestInfo second = new PullRequestInfo(6, "t", "", true, false, "old-feature", oldWork.name(),
                "octo/app", "main", base.name(), "alice", "https://github.com/octo/app/pull/6");
        try (GitHttpServer git = GitHttpServer.startWithGit(dir.resolve("git")).serve("octo", "app",
                origin.repository()).requireToken("ghs_right"); Repository local = local()) {
            FakeGitHub gitHub = new FakeGitHub(r -> git.uri(r.owner(), r.name()), "ghs_right");
            PullRequestFetcher fetcher = new PullRequestFetcher(gitHub, 2, 64);
            FetchedPullRequest first = fetcher.fetch(local, REPO, pr());
            assertThat(local.getObjectDatabase().getShallowCommits()).as("the first fetch left a shallow history")
                    .isNotEmpty();

            FetchedPullRequest fetched = fetcher.fetch(local, REPO, second);

            assertThat(first.head()).isEqualTo(head);
            assertThat(fetched.head()).isEqualTo(oldWork);
            assertThat(PullRequestFetcher.hasMergeBase(local, fetched.head(), fetched.base())).isTrue();
            assertThat(git.requests()).as("no request failed on the server")
                    .noneMatch(r -> r.matches(".* -> 5[0-9][0-9]"));
        }
    }

    @Test
    void givesUpWithAClearMessageWhenTheMergeBaseIsBeyondTheBound() throws Exception {
        FakeGitHub gitHub = new FakeGitHub(r -> server.uri(r.owner(), r.name()), "ghs_right");
        try (Repository local = local()) {
            assertThatThrownBy(() -> new PullRequestFetcher(gitHub, 2, 4).fetch(local, REPO, pr()))
                    .isInstanceOf(MergeBaseNotFoundException.class)
                    .hasMessageContaining("within the last 4 commits").hasMessageContaining("merge main");
        }
    }

    @Test
    void authenticatesWithTheInstallationToken() throws Exception {
        FakeGitHub wrongToken = new FakeGitHub(r -> server.uri(r.owner(), r.name()), "ghs_wrong");
        try (Repository local = local()) {
            assertThatThrownBy(() -> new PullRequestFetcher(wrongToken, 2, 64).fetch(local, REPO, pr()))
                    .isInstanceOf(java.io.IOException.class).hasMessageNotContaining("ghs_wrong");
            assertThat(server.requests()).allMatch(r -> r.endsWith("-> 401"));
        }
    }

    @Test
    void aTokenRevokedBeforeItExpiredIsReplacedOnceAndTheFetchSucceeds() throws Exception {
        FakeGitHub gitHub = new FakeGitHub(r -> server.uri(r.owner(), r.name()), "ghs_right");
        gitHub.revokedToken = "ghs_revoked";
        try (Repository local = local()) {
            FetchedPullRequest fetched = new PullRequestFetcher(gitHub, 16, 64).fetch(local, REPO, pr());

            assertThat(fetched.head()).isEqualTo(head);
            assertThat(gitHub.calls).containsSubsequence("gitToken", "gitTokenRejected", "gitToken")
                    .filteredOn("gitTokenRejected"::equals).hasSize(1);
        }
    }

    @Test
    void aTokenRefusedTwiceFailsAfterOneRetryWithoutNamingTheToken() throws Exception {
        FakeGitHub wrongToken = new FakeGitHub(r -> server.uri(r.owner(), r.name()), "ghs_wrong");
        try (Repository local = local()) {
            assertThatThrownBy(() -> new PullRequestFetcher(wrongToken, 2, 64).fetch(local, REPO, pr()))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("not authorized")
                    .hasMessageNotContaining("ghs_wrong");
            assertThat(wrongToken.calls).filteredOn("gitToken"::equals).hasSize(2);
        }
    }
}
