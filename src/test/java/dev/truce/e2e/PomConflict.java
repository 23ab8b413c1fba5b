package dev.truce.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.eclipse.jgit.revwalk.RevCommit;

import dev.truce.github.TestKeys;
import dev.truce.testing.FakeGitHubApi;
import dev.truce.testing.GitHttpServer;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import dev.truce.testing.TruceProcess;

/**
 * The scenario the tests of the built jar share: pull request #{@value #PR} bumps JUnit in a {@code pom.xml} while
 * {@code main} bumps Jackson on the next line (version-bump resolves it), served by a real git smart-HTTP server and
 * a fake GitHub REST API, with the environment a replica of Truce needs to run against them (a generated App key).
 */
final class PomConflict implements AutoCloseable {

    static final int PR = 1347;
    static final String POM = """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>shop</groupId>
              <artifactId>shop</artifactId>
              <version>1.0.0</version>
              <properties>
                <jackson.version>2.17.0</jackson.version>
                <junit.version>5.10.0</junit.version>
              </properties>
            </project>
            """;

    final ScenarioRepo origin;
    final GitHttpServer git;
    final FakeGitHubApi github;
    final RevCommit main;
    final RevCommit feature;
    /** The App's private key, as written to the key file. */
    final String pem;
    /** A replica's settings, named {@code schedulerName}; tests add or change entries. */
    final Map<String, String> environment = new HashMap<>();

    private PomConflict(Path dir, String schedulerName) throws Exception {
        origin = ScenarioRepo.initBare(dir.resolve("origin.git"));
        Tree base = Tree.of().file("pom.xml", POM);
        RevCommit first = origin.commit("main", base, "Shop");
        main = origin.commit("main", base.copy().file("pom.xml", POM.replace("2.17.0", "2.17.2")), "Jackson", first);
        feature = origin.commit("feature", base.copy().file("pom.xml", POM.replace("5.10.0", "5.11.3")), "JUnit",
                first);
        origin.setRef("refs/pull/" + PR + "/head", feature);
        github = FakeGitHubApi.start().pullRequest(PR, "feature", feature, main)
                .fixPullRequest(fixBranch(), "feature", feature);
        git = GitHttpServer.start(dir).requireToken(github.token);
        git.serve("octocat", "Hello-World", origin.repository());

        pem = TestKeys.generated().pkcs1Pem();
        Path key = Files.writeString(dir.resolve("app.pem"), pem);
        environment.put("TRUCE_GITHUB_APPID", "4242");
        environment.put("TRUCE_GITHUB_PRIVATEKEYFILE", key.toString());
        environment.put("TRUCE_GITHUB_WEBHOOKSECRET", "whsec-" + UUID.randomUUID());
        environment.put("TRUCE_GITHUB_APIURL", github.url());
        environment.put("TRUCE_GITHUB_GITURL", "http://127.0.0.1:" + git.port());
        environment.put("TRUCE_DATADIR", dir.resolve("data").toString());
        environment.put("TRUCE_JOBS_POLLINTERVAL", "200ms");
        environment.put("TRUCE_JOBS_BACKOFF", "1s");
        environment.put("TRUCE_CALIBRATION_ENABLED", "false"); // the queue drains: no recurring calibration rows
        environment.put("TRUCE_JOBS_SCHEDULERNAME", schedulerName);
        // Dead only after 6 x 5 minutes of missed heartbeats: a prompt second run can only be a replica taking back
        // its own jobs at start-up, or a job another replica released at shutdown.
        environment.put("TRUCE_JOBS_HEARTBEATINTERVAL", "5m");
    }

    /** The scenario in {@code dir}, its servers started. */
    static PomConflict start(Path dir, String schedulerName) throws Exception {
        return new PomConflict(dir, schedulerName);
    }

    /** The webhook body GitHub sends when the pull request is opened. */
    String opened() {
        return FakeGitHubApi.opened(PR, "feature", feature, main);
    }

    /** Sends {@link #opened()} to {@code truce} as a new delivery; the status code. */
    int sendOpened(TruceProcess truce) throws IOException, InterruptedException {
        return truce.send("pull_request", opened(), UUID.randomUUID().toString());
    }

    /** The fix branch Truce pushes for the pull request's head. */
    String fixBranch() {
        return "truce/" + PR + "-" + feature.abbreviate(7).name();
    }

    @Override
    public void close() throws Exception {
        git.close();
        github.close();
        origin.close();
    }
}
