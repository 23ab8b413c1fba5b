package dev.truce.publish;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.truce.github.CheckRun;
import dev.truce.github.GitHubException;
import dev.truce.github.GitHubGateway;
import dev.truce.github.RepoRef;

/**
 * The check run named {@value #NAME} on a pull request's head: in progress while Truce works on its conflicts, then
 * what it did. It is a view of the work, not the work: a check run GitHub refuses (an installation that has not
 * granted {@code checks: write} yet, an outage) is logged and the job goes on.
 */
public final class CheckRuns {

    /** The name in the pull request's checks list. */
    public static final String NAME = "Truce";

    private static final Logger log = LoggerFactory.getLogger(CheckRuns.class);

    private final GitHubGateway gitHub;

    /** Check runs through {@code gitHub}. */
    public CheckRuns(GitHubGateway gitHub) {
        this.gitHub = gitHub;
    }

    /** A started check run; {@link #completed} finishes it. */
    public final class Running {
        private final RepoRef repo;
        private final long id;
        private boolean done;

        private Running(RepoRef repo, long id) {
            this.repo = repo;
            this.id = id;
        }

        /** Whether GitHub took the check run. */
        public boolean reported() {
            return id > 0;
        }

        /** Completes the check run (once; later calls do nothing). */
        public void completed(CheckRun.Conclusion conclusion, String title, String summary, String detailsUrl) {
            if (done || id <= 0) {
                return;
            }
            done = true;
            try {
                gitHub.updateCheckRun(repo, id, CheckRun.completed(NAME, conclusion, title, summary, detailsUrl));
            } catch (GitHubException e) {
                log.warn("could not complete the {} check run {} on {}: {}", NAME, id, repo.fullName(),
                        e.getMessage());
            }
        }

        /** Whether {@link #completed} was called. */
        public boolean isCompleted() {
            return done;
        }
    }

    /** Starts the check run on {@code headSha}; never fails the job. */
    public Running start(RepoRef repo, String headSha, String title, String summary) {
        try {
            return new Running(repo, gitHub.createCheckRun(repo, headSha, CheckRun.inProgress(NAME, title, summary)));
        } catch (GitHubException | IllegalArgumentException e) {
            log.warn("could not start the {} check run on {} at {} ({}); grant the App \"Checks: Read and write\""
                    + " to see Truce's work in the pull request's checks", NAME, repo.fullName(), headSha,
                    e.getMessage());
            return new Running(repo, 0);
        }
    }
}
