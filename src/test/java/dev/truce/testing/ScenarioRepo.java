package dev.truce.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A real git repository in a temporary directory, with commits made straight from {@link Tree}s (no work tree
 * needed, so bare repositories, symlinks and submodule entries work the same way).
 *
 * <pre>{@code
 * Tree base = Tree.of().file("a.txt", "one\n");
 * repo.threeWay(base, base.copy().file("a.txt", "ours\n"), base.copy().file("a.txt", "theirs\n"));
 * // branches: base, main (ours), feature (theirs)
 * }</pre>
 */
public final class ScenarioRepo implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("Scenario", "scenario@example.org", 1_700_000_000_000L, 0);

    private final Repository repository;
    private int clock;

    private ScenarioRepo(Repository repository) {
        this.repository = repository;
    }

    /** A repository with a work tree in {@code dir}. */
    public static ScenarioRepo init(Path dir) throws GitAPIException {
        return new ScenarioRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call().getRepository());
    }

    /** A bare repository in {@code dir}. */
    public static ScenarioRepo initBare(Path dir) throws GitAPIException {
        return new ScenarioRepo(Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch("main").call()
                .getRepository());
    }

    /** The JGit repository. */
    public Repository repository() {
        return repository;
    }

    /** Commits base on branch {@code base}, ours on {@code main} and theirs on {@code feature}. */
    public ScenarioRepo threeWay(Tree base, Tree ours, Tree theirs) throws IOException {
        RevCommit b = commit("base", base, "base");
        commit("main", ours, "ours", b);
        commit("feature", theirs, "theirs", b);
        return this;
    }

    /** Commits a tree with the given parents and points {@code refs/heads/branch} at it. */
    public RevCommit commit(String branch, Tree tree, String message, RevCommit... parents) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, Tree.Entry> e : tree.entries().entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(e.getValue().mode());
                entry.setObjectId(e.getValue().gitlink() != null ? e.getValue().gitlink()
                        : inserter.insert(Constants.OBJ_BLOB, e.getValue().content()));
                builder.add(entry);
            }
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            PersonIdent when = new PersonIdent(AUTHOR, AUTHOR.getWhenAsInstant().plusSeconds(60L * clock++));
            commit.setAuthor(when);
            commit.setCommitter(when);
            commit.setMessage(message);
            for (RevCommit parent : parents) {
                commit.addParentId(parent);
            }
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(id);
            update.forceUpdate();
            try (RevWalk walk = new RevWalk(repository)) {
                return walk.parseCommit(id);
            }
        }
    }

    /** Points any ref (such as GitHub's {@code refs/pull/5/head}) at a commit. */
    public void setRef(String name, ObjectId id) throws IOException {
        RefUpdate update = repository.updateRef(name);
        update.setNewObjectId(id);
        update.forceUpdate();
    }

    /** The commit a branch points at. */
    public RevCommit head(String branch) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(repository.resolve(Constants.R_HEADS + branch));
        }
    }

    /** A file's text in a commit, or {@code null} when the commit has no such file. */
    public static String read(Repository repository, RevCommit commit, String path) throws IOException {
        try (ObjectReader reader = repository.newObjectReader();
                TreeWalk walk = TreeWalk.forPath(reader, path, commit.getTree())) {
            return walk == null ? null
                    : new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    /** How many objects the repository's object database holds (loose objects plus pack files). */
    public long objectFileCount() throws IOException {
        File objects = new File(repository.getDirectory(), "objects");
        try (Stream<Path> files = Files.walk(objects.toPath())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
