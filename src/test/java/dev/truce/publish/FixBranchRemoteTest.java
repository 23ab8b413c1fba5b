package dev.truce.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import dev.truce.github.RepoRef;
import dev.truce.testing.FakeGitHub;
import dev.truce.testing.GitHttpServer;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving and deleting fix branches on a real git server, each only where the branch still is where Truce saw it. */
class FixBranchRemoteTest {

    static final RepoRef REPO = new RepoRef(7, "octo", "app");
    static final String TOKEN = "ghs_test_token";

    @TempDir
    Path dir;

    ScenarioRepo origin;
    ScenarioRepo local;
    GitHttpServer server;
    FixBranchRemote remote;
    RevCommit base;

    @BeforeEach
    void serve() throws Exception {
        origin = ScenarioRepo.initBare(dir.resolve("origin.git"));
        local = ScenarioRepo.initBare(dir.resolve("local.git"));
        server = GitHttpServer.start(dir).serve("octo", "app", origin.repository()).requireToken(TOKEN);
        remote = new FixBranchRemote(new FakeGitHub(r -> server.uri(r.owner(), r.name()), TOKEN));
        base = origin.commit("main", Tree.of().file("a.txt", "a\n"), "base");
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        origin.close();
        local.close();
    }

    @Test
    void aNewBranchIsPushedOnlyWhereNoneExists() throws Exception {
        RevCommit fix = local.commit("truce/5-abc", Tree.of().file("a.txt", "fix\n"), "fix");

        remote.push(local.repository(), REPO, "truce/5-abc", ObjectId.zeroId());
        assertThat(origin.head("truce/5-abc")).isEqualTo(fix);

        RevCommit other = origin.commit("truce/5-def", Tree.of().file("a.txt", "someone\n"), "someone's", base);
        local.commit("truce/5-def", Tree.of().file("a.txt", "fix\n"), "fix");
        assertThatThrownBy(() -> remote.push(local.repository(), REPO, "truce/5-def", ObjectId.zeroId()))
                .isInstanceOf(FixBranchRemote.BranchMovedException.class).hasMessageContaining("someone else pushed");
        assertThat(origin.head("truce/5-def")).isEqualTo(other);
    }

    @Test
    void aForcedPushHappensOnlyFromTheTipTruceSaw() throws Exception {
        RevCommit first = local.commit("truce/5-abc", Tree.of().file("a.txt", "fix\n"), "fix");
        remote.push(local.repository(), REPO, "truce/5-abc", ObjectId.zeroId());
        RevCommit human = origin.commit("truce/5-abc", Tree.of().file("a.txt", "reviewed\n"), "review", first);
        local.commit("truce/5-abc", Tree.of().file("a.txt", "fix 2\n"), "fix again");

        assertThatThrownBy(() -> remote.push(local.repository(), REPO, "truce/5-abc", first))
                .isInstanceOf(FixBranchRemote.BranchMovedException.class);
        assertThat(origin.head("truce/5-abc")).isEqualTo(human);

        RevCommit again = local.commit("truce/5-abc", Tree.of().file("a.txt", "fix 3\n"), "fix, on the review");
        remote.push(local.repository(), REPO, "truce/5-abc", human);
        assertThat(origin.head("truce/5-abc")).as("not a fast-forward, but from the tip it saw").isEqualTo(again);
    }

    @Test
    void aBranchIsDeletedOnlyAtTheTipTruceSaw() throws Exception {
        RevCommit fix = origin.commit("truce/5-abc", Tree.of().file("a.txt", "fix\n"), "fix", base);
        RevCommit human = origin.commit("truce/5-def", Tree.of().file("a.txt", "x\n"), "x", base);

        assertThat(remote.branches(REPO, "truce/5-")).containsExactly(new FixBranchRemote.RemoteBranch("truce/5-abc",
                fix), new FixBranchRemote.RemoteBranch("truce/5-def", human));
        assertThatThrownBy(() -> remote.delete(REPO, "truce/5-def", fix))
                .isInstanceOf(FixBranchRemote.BranchMovedException.class);
        assertThat(origin.head("truce/5-def")).isEqualTo(human);

        remote.delete(REPO, "truce/5-abc", fix);
        assertThat(remote.tip(REPO, "truce/5-abc")).isEmpty();
        assertThat(server.requests()).anyMatch(r -> r.contains("git-receive-pack") && r.endsWith("-> 200"));
    }
}
