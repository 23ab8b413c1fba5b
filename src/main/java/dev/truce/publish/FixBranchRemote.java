package dev.truce.publish;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import dev.truce.fetch.TokenCredentials;
import dev.truce.github.GitHubException;
import dev.truce.github.GitHubGateway;
import dev.truce.github.RepoRef;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Truce's branches in the base repository over HTTPS with the installation token: pushing a fix branch (forced:
 * the branch is Truce's own, so there is no one else's work to protect) and listing a pull request's fix branches.
 */
public final class FixBranchRemote {

    private final GitHubGateway gitHub;

    /** Reaches repositories through the gateway's clone URLs and tokens. */
    public FixBranchRemote(GitHubGateway gitHub) {
        this.gitHub = gitHub;
    }

    /**
     * Pushes local {@code refs/heads/<branch>} to the same branch of the repository.
     *
     * @throws IOException when the push is rejected or fails
     */
    public void push(Repository repository, RepoRef repo, String branch) throws IOException, GitHubException {
        String ref = Constants.R_HEADS + branch;
        char[] token = gitHub.gitToken(repo);
        try {
            Iterable<PushResult> results = Git.wrap(repository).push().setRemote(gitHub.cloneUri(repo).toString())
                    .setRefSpecs(new RefSpec("+" + ref + ":" + ref)).setCredentialsProvider(TokenCredentials.of(token))
                    .call();
            for (PushResult result : results) {
                RemoteRefUpdate update = result.getRemoteUpdate(ref);
                if (update == null || (update.getStatus() != RemoteRefUpdate.Status.OK
                        && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE)) {
                    throw new IOException("pushing " + branch + " to " + repo.fullName() + " was refused: "
                            + (update == null ? "no result" : update.getStatus() + " " + update.getMessage()));
                }
            }
        } catch (GitAPIException e) {
            throw new IOException("pushing " + branch + " to " + repo.fullName() + " failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(token, '\0');
        }
    }

    /** The repository's branches starting with {@code prefix}, without {@code refs/heads/}. */
    public List<String> branches(RepoRef repo, String prefix) throws IOException, GitHubException {
        char[] token = gitHub.gitToken(repo);
        try {
            Collection<Ref> refs = Git.lsRemoteRepository().setRemote(gitHub.cloneUri(repo).toString()).setHeads(true)
                    .setCredentialsProvider(TokenCredentials.of(token)).call();
            return refs.stream().map(Ref::getName).filter(n -> n.startsWith(Constants.R_HEADS + prefix))
                    .map(n -> n.substring(Constants.R_HEADS.length())).sorted().toList();
        } catch (GitAPIException e) {
            throw new IOException("listing the branches of " + repo.fullName() + " failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(token, '\0');
        }
    }
}
