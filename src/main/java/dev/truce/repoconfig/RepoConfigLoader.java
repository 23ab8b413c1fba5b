package dev.truce.repoconfig;

import java.util.Optional;

import dev.truce.github.GitHubException;
import dev.truce.github.GitHubGateway;
import dev.truce.github.RepoRef;

/**
 * Reads a repository's settings from the base branch's commit through the GitHub contents API: one call, made
 * before any git fetch, so a repository with {@code mode: off} costs no clone. The base commit (not the PR head)
 * is read so a pull request cannot change how Truce treats itself.
 */
public final class RepoConfigLoader {

    private final GitHubGateway gitHub;
    private final RepoConfigParser parser = new RepoConfigParser();

    /** A loader reading through the gateway. */
    public RepoConfigLoader(GitHubGateway gitHub) {
        this.gitHub = gitHub;
    }

    /**
     * The settings at {@code baseRef} (a sha, or the branch name), or the defaults without a file.
     *
     * @throws RepoConfigException when the file is there and invalid
     */
    public RepoConfig load(RepoRef repo, String baseRef) throws GitHubException, RepoConfigException {
        Optional<String> text = gitHub.fileContent(repo, baseRef, RepoConfig.PATH);
        return text.isEmpty() ? RepoConfig.DEFAULT : parser.parse(text.get());
    }
}
