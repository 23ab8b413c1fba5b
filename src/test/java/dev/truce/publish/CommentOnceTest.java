package dev.truce.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import dev.truce.github.GitHubException;
import dev.truce.github.RepoRef;
import dev.truce.testing.FakeGitHub;
import org.junit.jupiter.api.Test;

class CommentOnceTest {

    static final RepoRef REPO = new RepoRef(1, "octo", "app");

    @Test
    void aCommentIsPostedOncePerKeyWithItsMarker() throws Exception {
        FakeGitHub gitHub = new FakeGitHub(r -> URI.create("http://unused"), "t");
        FixPublisher publisher = new FixPublisher(gitHub, new FixBranchRemote(gitHub), new InMemoryCommentLedger(10),
                new AppIdentity("truce", 0));

        assertThat(publisher.commentOnce(REPO, 5, "k1", "hello")).isTrue();
        assertThat(publisher.commentOnce(REPO, 5, "k1", "hello")).isFalse();
        assertThat(publisher.commentOnce(REPO, 5, "k2", "other")).isTrue();

        assertThat(gitHub.commentsOn(5)).containsExactly("hello\n\n<!-- truce:k1 -->\n", "other\n\n<!-- truce:k2 -->\n");
    }

    @Test
    void aCommentThatFailedIsPostedOnRetry() throws Exception {
        FakeGitHub gitHub = new FakeGitHub(r -> URI.create("http://unused"), "t");
        gitHub.failNextComments = 1;
        FixPublisher flaky = new FixPublisher(gitHub, new FixBranchRemote(gitHub), new InMemoryCommentLedger(10),
                new AppIdentity("truce", 0));

        assertThatThrownBy(() -> flaky.commentOnce(REPO, 5, "k", "hello")).isInstanceOf(GitHubException.class);
        assertThat(flaky.commentOnce(REPO, 5, "k", "hello")).isTrue();
        assertThat(gitHub.commentsOn(5)).hasSize(1);
    }

    @Test
    void aCommentGitHubStoredDespiteAnErrorIsNotPostedAgain() throws Exception {
        FakeGitHub gitHub = new FakeGitHub(r -> URI.create("http://unused"), "t");
        gitHub.failNextCommentsAfterStoring = 1;
        FixPublisher publisher = new FixPublisher(gitHub, new FixBranchRemote(gitHub), new InMemoryCommentLedger(10),
                new AppIdentity("truce", 0));

        assertThatThrownBy(() -> publisher.commentOnce(REPO, 5, "k", "hello")).isInstanceOf(GitHubException.class);
        assertThat(publisher.commentOnce(REPO, 5, "k", "hello")).isFalse();
        assertThat(gitHub.commentsOn(5)).containsExactly("hello\n\n<!-- truce:k -->\n");
    }

    @Test
    void anotherAccountsCommentWithTheMarkerDoesNotCount() throws Exception {
        FakeGitHub gitHub = new FakeGitHub(r -> URI.create("http://unused"), "t");
        gitHub.botLogin = "mallory";
        gitHub.comment(REPO, 5, "<!-- truce:k -->");
        FixPublisher publisher = new FixPublisher(gitHub, new FixBranchRemote(gitHub), new InMemoryCommentLedger(10),
                new AppIdentity("truce", 0));

        assertThat(publisher.commentOnce(REPO, 5, "k", "hello")).isTrue();
        assertThat(gitHub.commentsOn(5)).hasSize(2);
    }

    @Test
    void theLedgerForgetsTheOldestKeysBeyondItsCapacity() {
        InMemoryCommentLedger ledger = new InMemoryCommentLedger(2);
        ledger.firstTime("a");
        ledger.firstTime("b");
        ledger.firstTime("c");
        assertThat(ledger.firstTime("c")).isFalse();
        assertThat(ledger.firstTime("a")).as("evicted").isTrue();
    }
}
