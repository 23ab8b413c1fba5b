package dev.truce.merge;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictKind;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.MarkerLabels;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Writes a computed merge and the engine's resolutions as a two-parent merge commit (ours first, theirs second)
 * on a new branch. HEAD, the index and the work tree are never touched.
 *
 * <p>Fully resolved files are written with their merged mode. A partial write (only when asked for) keeps what
 * is not resolved visible: files with hunks are written with diff3 markers around the remaining hunks; files
 * without hunks (binary, modify/delete, submodule, symlink, mode, directory/file) keep our version, or theirs
 * when we have none there.
 */
public final class MergeCommitWriter {

    private static final String DEFAULT_NAME = "Truce";
    private static final String DEFAULT_EMAIL = "truce@localhost";

    private final boolean partial;
    private final boolean force;

    /**
     * A writer.
     *
     * @param partial whether a result with unresolved conflicts may be written (markers left in)
     * @param force   whether an existing branch may be overwritten
     */
    public MergeCommitWriter(boolean partial, boolean force) {
        this.partial = partial;
        this.force = force;
    }

    /**
     * Writes the merge commit and points {@code refs/heads/branch} at it.
     *
     * @param resolutions one resolution per conflict of {@code merge}, and one for each cleanly merged file changed
     *                    as a whole (a file of stable text only, written in place of the merged one)
     * @throws MergeInputException   when the branch name is invalid
     * @throws BranchExistsException when the branch exists and overwriting was not asked for
     * @throws IllegalStateException when a conflict is unresolved and this is not a partial writer
     * @throws IOException           when the repository cannot be written
     */
    public WrittenMerge write(ComputedMerge merge, List<FileResolution> resolutions, String branch)
            throws MergeInputException, IOException {
        return write(merge, resolutions, branch, null);
    }

    /**
     * Writes the merge commit as {@link #write(ComputedMerge, List, String)} does, with {@code note} (a build's result,
     * say; {@code null} for none) at the end of its message.
     */
    public WrittenMerge write(ComputedMerge merge, List<FileResolution> resolutions, String branch, String note)
            throws MergeInputException, IOException {
        Repository repository = merge.repository();
        String refName = Constants.R_HEADS + branch;
        if (!Repository.isValidRefName(refName)) {
            throw new MergeInputException("'" + branch + "' is not a valid branch name");
        }
        Ref existing = repository.exactRef(refName);
        if (existing != null && !force) {
            throw new BranchExistsException(branch, existing.getObjectId().name());
        }
        Map<String, FileResolution> byPath = new HashMap<>();
        resolutions.forEach(r -> byPath.put(r.file().path(), r));
        boolean complete = true;
        for (PathConflict conflict : merge.conflicts()) {
            FileResolution resolution = byPath.get(conflict.path());
            if (resolution == null) {
                throw new IllegalArgumentException("no resolution given for " + conflict.path());
            }
            complete &= isResolved(resolution);
        }
        if (!complete && !partial) {
            throw new IllegalStateException("some conflicts are unresolved; only a partial writer writes them");
        }

        OverlayInserter objects = merge.objects();
        ObjectId tree = buildTree(merge, byPath);
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(merge.ours(), merge.theirs());
        PersonIdent ident = identity(repository);
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setMessage(note == null ? message(merge, byPath) : message(merge, byPath) + "\n" + note);
        ObjectId commitId = objects.insert(commit);
        objects.flushInto(repository, commitId);

        RefUpdate update = repository.updateRef(refName);
        update.setNewObjectId(commitId);
        update.setExpectedOldObjectId(existing == null ? ObjectId.zeroId() : existing.getObjectId());
        update.setRefLogMessage("truce resolve: merge " + merge.theirsName() + " into " + merge.oursName(), false);
        RefUpdate.Result result = update.forceUpdate();
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
            case LOCK_FAILURE -> throw new BranchExistsException(branch, "a commit written concurrently");
            default -> throw new IOException("could not update " + refName + ": " + result);
        }
        return new WrittenMerge(branch, commitId, !complete);
    }

    /**
     * The tree of the merge with every conflict resolved as given, inserted into the merge's overlay only (nothing is
     * written to the repository): what a build validates before anything is committed.
     *
     * @param resolutions one resolution per conflict of {@code merge}, every one complete, and any cleanly merged
     *                    file changed as a whole
     * @throws IllegalStateException when a conflict is not resolved
     */
    public static ObjectId tree(ComputedMerge merge, List<FileResolution> resolutions) throws IOException {
        Map<String, FileResolution> byPath = new HashMap<>();
        resolutions.forEach(r -> byPath.put(r.file().path(), r));
        for (PathConflict conflict : merge.conflicts()) {
            FileResolution resolution = byPath.get(conflict.path());
            if (resolution == null || (conflict.file().hasHunks() && !isResolved(resolution))) {
                throw new IllegalStateException(conflict.path() + " is not resolved; only a resolved merge has a tree");
            }
        }
        return buildTree(merge, byPath);
    }

    /** Whether a file's text is final: every hunk resolved (a clean rename merge has none). */
    static boolean isResolved(FileResolution resolution) {
        return resolution.file().hasHunks() && resolution.isFullyResolved();
    }

    private static ObjectId buildTree(ComputedMerge merge, Map<String, FileResolution> byPath) throws IOException {
        Set<String> replaced = new HashSet<>();
        for (PathConflict conflict : merge.conflicts()) {
            replaced.add(conflict.path());
            if (conflict.file().oldPath() != null) {
                replaced.add(conflict.file().oldPath());
            }
        }
        Map<String, IndexEntry> put = new LinkedHashMap<>();
        MarkerLabels labels = new MarkerLabels(merge.oursName(), "merge base", merge.theirsName());
        try (ObjectReader reader = merge.objects().newReader()) {
            for (PathConflict conflict : merge.conflicts()) {
                FileResolution resolution = byPath.get(conflict.path());
                if (conflict.file().hasHunks()) {
                    ObjectId blob = merge.objects().insert(Constants.OBJ_BLOB, resolution.encode(labels));
                    put.put(conflict.path(), new IndexEntry(conflict.mergedMode(), blob));
                } else if (conflict.kind() == ConflictKind.DIRECTORY_FILE && conflict.ours() == null) {
                    addDirectory(reader, merge, conflict.path(), put);
                } else {
                    put.put(conflict.path(), conflict.survivingSide());
                }
            }
            // Resolutions of paths without a conflict: cleanly merged files changed to make the build pass.
            for (FileResolution edited : byPath.values()) {
                String path = edited.file().path();
                if (replaced.contains(path)) {
                    continue;
                }
                IndexEntry merged = merge.index().merged(reader, path);
                if (merged == null || !edited.file().hasHunks() || !edited.file().hunks().isEmpty()) {
                    throw new IllegalArgumentException(path + " is neither a conflict of this merge nor a cleanly"
                            + " merged file edited as a whole");
                }
                put.put(path, new IndexEntry(merged.mode(), merge.objects().insert(Constants.OBJ_BLOB,
                        edited.encode(labels))));
            }
            return merge.index().writeTree(merge.objects(), reader, put, replaced);
        }
    }

    /** Keeps our directory where theirs has a file: JGit's index lost its entries, our tree has them. */
    private static void addDirectory(ObjectReader reader, ComputedMerge merge, String path,
            Map<String, IndexEntry> put) throws IOException {
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(merge.trees().ours());
            walk.setRecursive(true);
            walk.setFilter(PathFilter.create(path));
            while (walk.next()) {
                put.put(walk.getPathString(), new IndexEntry(walk.getFileMode(0), walk.getObjectId(0)));
            }
        }
    }

    private static PersonIdent identity(Repository repository) {
        String name = repository.getConfig().getString("user", null, "name");
        String email = repository.getConfig().getString("user", null, "email");
        return new PersonIdent(name == null || name.isBlank() ? DEFAULT_NAME : name,
                email == null || email.isBlank() ? DEFAULT_EMAIL : email);
    }

    /** The commit message: what was merged, then each file and hunk with who decided it and why. */
    private static String message(ComputedMerge merge, Map<String, FileResolution> byPath) {
        StringBuilder text = new StringBuilder("Merge " + merge.theirsName() + " into " + merge.oursName() + "\n");
        if (merge.conflicts().isEmpty()) {
            return text.append("\nNo conflicts.\n").toString();
        }
        text.append("\nConflicts resolved by Truce:\n");
        for (PathConflict conflict : merge.conflicts()) {
            FileResolution resolution = byPath.get(conflict.path());
            String from = conflict.file().oldPath() == null ? "" : " (renamed from " + conflict.file().oldPath() + ")";
            text.append("\n").append(conflict.path()).append(from).append(" [").append(conflict.kind().label())
                    .append("]: ");
            if (!conflict.file().hasHunks()) {
                boolean keptOurs = conflict.ours() != null || conflict.kind() == ConflictKind.DIRECTORY_FILE;
                text.append("NOT RESOLVED, kept ").append(keptOurs ? "ours" : "theirs").append(" - ")
                        .append(conflict.file().unsupported()).append("\n");
                continue;
            }
            text.append(isResolved(resolution) ? "resolved" : "PARTLY RESOLVED, conflict markers left in");
            text.append(resolution.outcomes().isEmpty() ? " (merged cleanly)\n" : "\n");
            for (ConflictHunk hunk : conflict.file().hunks()) {
                HunkOutcome outcome = resolution.outcomes().get(hunk.id());
                text.append("  hunk ").append(hunk.id()).append(" (ours line ").append(hunk.oursLine())
                        .append("): ").append(outcome.isResolved() ? outcome.strategy() : outcome.status().label())
                        .append(outcome instanceof HunkOutcome.Resolved r && r.repairRounds() > 0
                                ? " after " + r.repairRounds() + " repair round(s)" : "")
                        .append(" - ").append(outcome.reason()).append("\n");
            }
        }
        return text.toString();
    }
}
