package dev.truce.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.truce.github.GitHubApiStub.REPO;
import static dev.truce.github.GitHubApiStub.REPO_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.truce.publish.AppIdentity;
import dev.truce.publish.FixBranchRemote;
import dev.truce.publish.FixPublisher;
import dev.truce.publish.InMemoryCommentLedger;

/**
 * A comment GitHub stored while answering 502: the job's retry finds it among the pull request's comments and does
 * not post it again. The real gateway against WireMock playing GitHub.
 */
@Timeout(20)
class CommentOnceOverRestTest {

    static final String KEY = "needs-human:octocat/Hello-World#1347@abc..def";
    static final String COMMENTS = REPO_PATH + "/issues/1347/comments";

    private final GitHubApiStub github = GitHubApiStub.start().issuesTokens().hasRepository();
    private final Hub4jGitHub gateway = github.gateway(TestKeys.generated().pkcs1Pem());
    private final FixPublisher publisher = new FixPublisher(gateway, new FixBranchRemote(gateway),
            new InMemoryCommentLedger(100), new AppIdentity("truce", 99));

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void aCommentStoredBehindA502IsNotPostedAgainOnRetry() throws Exception {
        github.stub(request("GET", urlPathEqualTo(COMMENTS)).inScenario("post").whenScenarioStateIs(Scenario.STARTED),
                GitHubApiStub.jsonBody(200, "[]"));
        github.stub(request("POST", urlPathEqualTo(COMMENTS)).inScenario("post").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("stored"), GitHubApiStub.json(502, "server-error.json"));
        github.stub(request("GET", urlPathEqualTo(COMMENTS)).inScenario("post").whenScenarioStateIs("stored"),
                GitHubApiStub.json(200, "issue-comments.json"));
        github.stub(request("POST", urlPathEqualTo(COMMENTS)).inScenario("post").whenScenarioStateIs("stored"),
                GitHubApiStub.json(201, "issue-comment.json"));

        assertThatThrownBy(() -> publisher.commentOnce(REPO, 1347, KEY, "This pull request conflicts with `main`."))
                .isInstanceOf(GitHubException.class).hasMessageContaining("502");
        boolean postedOnRetry = publisher.commentOnce(REPO, 1347, KEY, "This pull request conflicts with `main`.");

        assertThat(postedOnRetry).isFalse();
        assertThat(github.received("POST", COMMENTS)).hasSize(1);
    }

    @Test
    void aPersonQuotingTheMarkerDoesNotStopTheComment() throws Exception {
        String humanOnly = GitHubApiStub.fixture("issue-comments.json");
        humanOnly = humanOnly.substring(0, humanOnly.indexOf("  },\n  {")) + "  }\n]\n";
        github.stub(request("GET", urlPathEqualTo(COMMENTS)), GitHubApiStub.jsonBody(200, humanOnly));
        github.stub(request("POST", urlPathEqualTo(COMMENTS)), GitHubApiStub.json(201, "issue-comment.json"));

        assertThat(publisher.commentOnce(REPO, 1347, KEY, "This pull request conflicts with `main`.")).isTrue();
        assertThat(github.received("POST", COMMENTS)).hasSize(1);
    }
}
