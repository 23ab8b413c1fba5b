package dev.truce.eval;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import dev.truce.conflict.FileType;
import dev.truce.conflict.FileVersions;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.IndexEntry;
import dev.truce.merge.MergeInputException;
import dev.truce.merge.PathConflict;
import dev.truce.merge.RepositoryMerge;

/**
 * Eval cases from a local repository's own history: every two-parent merge reachable from a revision is
 * re-merged in memory by {@link RepositoryMerge} (the same merge {@code truce resolve} computes: virtual bases for
 * criss-cross histories, renames followed), and each path that conflicts becomes a case whose answer is the file
 * the merge committed. Nothing is written into the repository.
 */
public final class HistoryCases {

    /**
     * What a scan found.
     *
     * @param cases   one case per conflicted path, newest merge first
     * @param skipped what was left out and how often (octopus merges, unrelated histories)
     * @param merges  two-parent merges replayed
     */
    public record Scan(List<EvalCase> cases, Map<String, Integer> skipped, int merges) {
    }

    private HistoryCases() {
    }

    /**
     * Opens the repository at {@code dir} (its work tree or git directory).
     *
     * @throws RepositoryNotFoundException when {@code dir} is not in a git repository
     */
    public static Repository open(File dir) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir);
        if (!dir.isDirectory() || builder.getGitDir() == null) {
            throw new RepositoryNotFoundException(dir);
        }
        return builder.setMustExist(true).build();
    }

    /**
     * Replays merges reachable from {@code rev}.
     *
     * @param repo  the repository, only read
     * @param rev   where to start, for example {@code HEAD}
     * @param since stop at merges reachable from this revision, or {@code null} for all history
     * @param limit at most this many two-parent merges are replayed ({@code <= 0}: no limit)
     * @throws IllegalArgumentException when a revision does not resolve
     */
    public static Scan scan(Repository repo, String rev, String since, int limit) throws IOException {
        return scan(repo, rev, since, limit, () -> false);
    }

    /**
     * Replays merges reachable from {@code rev} as {@link #scan(Repository, String, String, int)} does, newest first,
     * until {@code stop} says the time is up: then the merges replayed so far are the scan (a bounded job).
     */
    public static Scan scan(Repository repo, String rev, String since, int limit,
            java.util.function.BooleanSupplier stop) throws IOException {
        List<EvalCase> cases = new ArrayList<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        skipped.put("merges of unrelated histories (no merge base)", 0);
        skipped.put("octopus merges (more than two parents)", 0);
        int merges = 0;
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(resolve(repo, rev)));
            if (since != null) {
                walk.markUninteresting(walk.parseCommit(resolve(repo, since)));
            }
            for (RevCommit commit : walk) {
                if (limit > 0 && merges >= limit || stop.getAsBoolean()) {
                    break;
                }
                if (commit.getParentCount() > 2) {
                    skipped.merge("octopus merges (more than two parents)", 1, Integer::sum);
                    continue;
                }
                if (commit.getParentCount() != 2) {
                    continue;
                }
                List<RevCommit> bases = mergeBases(repo, commit.getParent(0), commit.getParent(1));
                if (bases.isEmpty()) {
                    skipped.merge("merges of unrelated histories (no merge base)", 1, Integer::sum);
                    continue;
                }
                merges++;
                cases.addAll(replay(repo, commit));
            }
        }
        return new Scan(cases, skipped, merges);
    }

    private static ObjectId resolve(Repository repo, String rev) throws IOException {
        ObjectId id = repo.resolve(rev + "^{commit}");
        if (id == null) {
            throw new IllegalArgumentException("revision " + rev + " is not a commit in " + repo.getDirectory());
        }
        return id;
    }

    private static List<RevCommit> mergeBases(Repository repo, RevCommit a, RevCommit b) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            List<RevCommit> bases = new ArrayList<>();
            for (RevCommit base : walk) {
                bases.add(base);
            }
            return bases;
        }
    }

    private static List<EvalCase> replay(Repository repo, RevCommit merge) throws IOException {
        ComputedMerge computed;
        try {
            computed = new RepositoryMerge(repo).compute(merge.getParent(0).name(), merge.getParent(1).name());
        } catch (MergeInputException e) {
            throw new IOException("cannot replay merge " + merge.name() + ": " + e.getMessage(), e);
        }
        List<EvalCase> cases = new ArrayList<>();
        try (ObjectReader reader = computed.objects().newReader(); RevWalk walk = new RevWalk(repo)) {
            RevTree mergeTree = walk.parseCommit(merge).getTree();
            String prefix = merge.abbreviate(12).name() + "/";
            for (PathConflict conflict : computed.conflicts()) {
                String path = conflict.path();
                FileVersions versions = new FileVersions(path, bytes(reader, conflict.base()),
                        bytes(reader, conflict.ours()), bytes(reader, conflict.theirs()));
                Blob h = blob(repo, mergeTree, path);
                String human = h.bytes == null ? null : new String(h.bytes, StandardCharsets.UTF_8);
                cases.add(new EvalCase(prefix + path, versions, conflict.kind(), FileType.of(path).label(), human,
                        walk.parseCommit(merge.getParent(0)).getShortMessage(),
                        walk.parseCommit(merge.getParent(1)).getShortMessage(),
                        repo.getDirectory().getPath(), merge.getCommitTime()));
            }
        }
        return cases;
    }

    /** The content of one version, read through the merge's overlay (a virtual base lives only there). */
    private static byte[] bytes(ObjectReader reader, IndexEntry entry) throws IOException {
        if (entry == null || entry.isGitlink()) {
            return null;
        }
        return reader.open(entry.id(), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE);
    }

    private record Blob(byte[] bytes, boolean gitlink) {
    }

    private static Blob blob(Repository repo, RevTree tree, String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, tree)) {
            if (tw == null) {
                return new Blob(null, false);
            }
            if (tw.getFileMode(0) == FileMode.GITLINK) {
                return new Blob(null, true);
            }
            if ((tw.getFileMode(0).getObjectType()) != Constants.OBJ_BLOB) {
                return new Blob(null, false);
            }
            return new Blob(repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE), false);
        }
    }
}
