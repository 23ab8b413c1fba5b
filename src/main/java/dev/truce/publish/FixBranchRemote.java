package dev.truce.publish;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.truce.fetch.TokenCredentials;
import dev.truce.github.GitHubException;
import dev.truce.github.GitHubGateway;
import dev.truce.github.RepoRef;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * Truce's branches in the base repository over HTTPS with the installation token: listing a pull request's fix
 * branches with their tips, and moving or deleting one only with a lease on the tip Truce last saw, so that a commit
 * someone pushed in the meantime is never overwritten or deleted (git's {@code --force-with-lease}).
 */
public final class FixBranchRemote {

    /** A branch and the commit it points at. */
    public record RemoteBranch(String name, ObjectId tip) {
    }

    /** The branch was not where the lease expected it: someone else moved it meanwhile. Nothing was changed. */
    public static final class BranchMovedException extends IOException {

        BranchMovedException(String message) {
            super(message);
        }
    }

    private final GitHubGateway gitHub;
    private final int timeoutSeconds;

    /** Reaches repositories through the gateway's clone URLs and tokens; git waits 2 minutes for the server. */
    public FixBranchRemote(GitHubGateway gitHub) {
        this(gitHub, java.time.Duration.ofMinutes(2));
    }

    /**
     * Reaches repositories through the gateway's clone URLs and tokens.
     *
     * @param timeout how long one network read or write may wait before the push or listing fails
     */
    public FixBranchRemote(GitHubGateway gitHub, java.time.Duration timeout) {
        if (timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the git timeout must be at least one second, not " + timeout);
        }
        this.gitHub = gitHub;
        this.timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, timeout.toSeconds());
    }

    /**
     * Points the repository's {@code branch} at local {@code refs/heads/<branch>}, forced but only if the remote
     * branch is still at {@code expectedOld} ({@link ObjectId#zeroId()}: only if it does not exist yet).
     *
     * @throws BranchMovedException when the branch is somewhere else now; nothing was pushed
     * @throws IOException          when the push is rejected or fails
     */
    public void push(Repository repository, RepoRef repo, String branch, ObjectId expectedOld)
            throws IOException, GitHubException {
        String ref = Constants.R_HEADS + branch;
        update(repository, repo, new RemoteRefUpdate(repository, ref, ref, true, null, expectedOld), branch,
                "pushing");
    }

    /**
     * Deletes the repository's {@code branch}, but only if it still points at {@code expectedTip}.
     *
     * @throws BranchMovedException when the branch is somewhere else now; nothing was deleted
     * @throws IOException          when the deletion is rejected or fails
     */
    public void delete(RepoRef repo, String branch, ObjectId expectedTip) throws IOException, GitHubException {
        // A deletion sends no objects; JGit's transport still wants a local repository to work from.
        try (Repository none = new InMemoryRepository(new DfsRepositoryDescription("truce-delete"))) {
            update(none, repo, new RemoteRefUpdate(none, (String) null, Constants.R_HEADS + branch, true, null,
                    expectedTip), branch, "deleting");
        }
    }

    /**
     * Fetches the repository's {@code branch} into {@code repository} (as {@code refs/truce/fix/<branch>}, so no
     * branch of the cache moves) and returns its tip, or empty when the branch does not exist.
     */
    public Optional<ObjectId> fetch(Repository repository, RepoRef repo, String branch)
            throws IOException, GitHubException {
        String local = "refs/truce/fix/" + branch;
        try {
            withToken(repo, credentials -> Git.wrap(repository).fetch().setRemote(gitHub.cloneUri(repo).toString())
                    .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + branch + ":" + local))
                    .setCredentialsProvider(credentials).setTimeout(timeoutSeconds).call());
        } catch (org.eclipse.jgit.api.errors.InvalidRemoteException | org.eclipse.jgit.api.errors.TransportException e) {
            if (e.getMessage() != null && e.getMessage().contains("Remote does not have")) {
                return Optional.empty();
            }
            throw new IOException("fetching " + branch + " of " + repo.fullName() + " failed: " + e.getMessage(), e);
        } catch (GitAPIException e) {
            throw new IOException("fetching " + branch + " of " + repo.fullName() + " failed: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IOException("the clone URL of " + repo.fullName() + " is not a git URL: " + e.getMessage(), e);
        }
        Ref ref = repository.exactRef(local);
        return ref == null ? Optional.empty() : Optional.of(ref.getObjectId());
    }

    /** Where the repository's {@code branch} points now, if it exists. */
    public Optional<ObjectId> tip(RepoRef repo, String branch) throws IOException, GitHubException {
        return branches(repo, branch).stream().filter(b -> b.name().equals(branch)).map(RemoteBranch::tip)
                .findFirst();
    }

    /** The repository's branches starting with {@code prefix} (without {@code refs/heads/}) and their tips. */
    public List<RemoteBranch> branches(RepoRef repo, String prefix) throws IOException, GitHubException {
        try {
            Collection<Ref> refs = withToken(repo, credentials -> Git.lsRemoteRepository()
                    .setRemote(gitHub.cloneUri(repo).toString()).setHeads(true).setCredentialsProvider(credentials)
                    .setTimeout(timeoutSeconds).call());
            return refs.stream().filter(r -> r.getName().startsWith(Constants.R_HEADS + prefix))
                    .map(r -> new RemoteBranch(r.getName().substring(Constants.R_HEADS.length()), r.getObjectId()))
                    .sorted(Comparator.comparing(RemoteBranch::name)).toList();
        } catch (GitAPIException e) {
            throw new IOException("listing the branches of " + repo.fullName() + " failed: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IOException("the clone URL of " + repo.fullName() + " is not a git URL: " + e.getMessage(), e);
        }
    }

    private void update(Repository local, RepoRef repo, RemoteRefUpdate update, String branch, String doing)
            throws IOException, GitHubException {
        PushResult result;
        try {
            result = withToken(repo, credentials -> {
                try (Transport transport = Transport.open(local, new URIish(gitHub.cloneUri(repo).toString()))) {
                    transport.setCredentialsProvider(credentials);
                    transport.setTimeout(timeoutSeconds);
                    return transport.push(NullProgressMonitor.INSTANCE, List.of(update));
                }
            });
        } catch (URISyntaxException e) {
            throw new IOException("the clone URL of " + repo.fullName() + " is not a git URL: " + e.getMessage(), e);
        } catch (org.eclipse.jgit.errors.TransportException e) {
            throw new IOException(doing + " " + branch + " in " + repo.fullName() + " failed: " + e.getMessage(), e);
        } catch (GitAPIException e) {
            throw new IOException(doing + " " + branch + " in " + repo.fullName() + " failed: " + e.getMessage(), e);
        }
        RemoteRefUpdate answer = result.getRemoteUpdate(update.getRemoteName());
        RemoteRefUpdate.Status status = answer == null ? null : answer.getStatus();
        if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE
                || (status == RemoteRefUpdate.Status.NON_EXISTING && update.isDelete())) {
            return;
        }
        // JGit checks the lease against the advertised tip; the server checks it again when it locks the ref.
        if (status == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED
                || (status == RemoteRefUpdate.Status.REJECTED_OTHER_REASON && answer.getMessage() != null
                        && answer.getMessage().contains("lock"))) {
            throw new BranchMovedException(branch + " in " + repo.fullName() + " is no longer at "
                    + leaseName(update.getExpectedOldObjectId()) + "; someone else pushed to it, so Truce left it"
                    + " as it is");
        }
        throw new IOException(doing + " " + branch + " in " + repo.fullName() + " was refused: "
                + (answer == null ? "no result" : status + " " + answer.getMessage()));
    }

    /**
     * Runs a git operation with the repository's token; when the server refuses the token (revoked or rotated before
     * it expired), once more with a new one.
     */
    private <T> T withToken(RepoRef repo, GitCall<T> call)
            throws IOException, GitAPIException, URISyntaxException, GitHubException {
        for (int attempt = 1; ; attempt++) {
            char[] token = gitHub.gitToken(repo);
            try {
                return call.run(TokenCredentials.of(token));
            } catch (IOException | GitAPIException e) {
                if (attempt > 1 || !TokenCredentials.rejected(e)) {
                    throw e;
                }
                gitHub.gitTokenRejected(repo);
            } finally {
                Arrays.fill(token, '\0');
            }
        }
    }

    /** One git operation over the network. */
    @FunctionalInterface
    private interface GitCall<T> {
        T run(CredentialsProvider credentials) throws IOException, GitAPIException, URISyntaxException;
    }

    private static String leaseName(ObjectId expected) {
        return expected == null || ObjectId.zeroId().equals(expected) ? "nothing (it did not exist)"
                : expected.abbreviate(7).name();
    }
}
