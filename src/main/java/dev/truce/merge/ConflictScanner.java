package dev.truce.merge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.truce.conflict.ConflictKind;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Finds the conflicts in an index with stages (1 base, 2 ours, 3 theirs) and models each conflicted path.
 * Used for JGit's in-core merge and for a work tree the git CLI left mid-merge.
 *
 * <p>JGit's merger does not detect renames, so a file one side renamed and the other changed shows up as
 * modify/delete at the old path plus a clean addition at the new one. When the base tree is known this scanner
 * detects the rename and reports a {@link ConflictKind#RENAME} at the new path instead, merged from the base,
 * the changed old file and the renamed file.
 */
final class ConflictScanner {

    private final ObjectReader reader;
    private final SideTrees trees;
    private final DiffConfig diffConfig;
    private final ConflictModelBuilder builder = new ConflictModelBuilder();
    private final Map<ObjectId, Map<String, String>> renamesBySide = new HashMap<>();

    /**
     * A scanner that reads objects with {@code reader}.
     *
     * @param config the repository's configuration (rename detection settings)
     */
    public ConflictScanner(ObjectReader reader, SideTrees trees, Config config) {
        this.reader = reader;
        this.trees = trees;
        this.diffConfig = config.get(DiffConfig.KEY);
    }

    /**
     * Models every conflicted path of the index, sorted by the path the result is written at.
     *
     * @throws IOException when an object cannot be read
     */
    public List<PathConflict> scan(MergedIndex merged) throws IOException {
        Map<String, IndexEntry[]> stages = new TreeMap<>();
        DirCache index = merged.entries();
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry entry = index.getEntry(i);
            // Only conflicted paths are decoded: a full index has one stage-0 entry per file of the repository.
            if (entry.getStage() != DirCacheEntry.STAGE_0) {
                stages.computeIfAbsent(entry.getPathString(), p -> new IndexEntry[3])[entry.getStage() - 1] =
                        new IndexEntry(entry.getFileMode(), entry.getObjectId());
            }
        }
        List<PathConflict> conflicts = new ArrayList<>();
        for (Map.Entry<String, IndexEntry[]> e : stages.entrySet()) {
            conflicts.add(model(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], merged));
        }
        conflicts.sort(Comparator.comparing(PathConflict::path));
        return conflicts;
    }

    private PathConflict model(String path, IndexEntry base, IndexEntry ours, IndexEntry theirs, MergedIndex merged)
            throws IOException {
        ConflictKind kind = kindOf(path, base, ours, theirs);
        if (kind == ConflictKind.MODIFY_DELETE || kind == ConflictKind.DELETE_MODIFY) {
            boolean theirsRenamed = kind == ConflictKind.MODIFY_DELETE;
            String newPath = renamedTo(theirsRenamed ? trees.theirs() : trees.ours(), path);
            // Only when the new path merged cleanly (the other side has nothing there) is this a plain rename.
            if (newPath != null && merged.merged(reader, newPath) != null) {
                IndexEntry renamed = entryAt(theirsRenamed ? trees.theirs() : trees.ours(), newPath);
                IndexEntry newOurs = theirsRenamed ? ours : renamed;
                IndexEntry newTheirs = theirsRenamed ? renamed : theirs;
                return new PathConflict(build(newPath, base, newOurs, newTheirs, ConflictKind.RENAME, path),
                        base, newOurs, newTheirs);
            }
        }
        return new PathConflict(build(path, base, ours, theirs, kind, null), base, ours, theirs);
    }

    private ConflictKind kindOf(String path, IndexEntry base, IndexEntry ours, IndexEntry theirs) throws IOException {
        if (isGitlink(base) || isGitlink(ours) || isGitlink(theirs)) {
            return ConflictKind.SUBMODULE;
        }
        // JGit drops the directory side of a directory/file conflict from the index; the trees still have it.
        if (ours == null && isDirectory(trees.ours(), path) || theirs == null && isDirectory(trees.theirs(), path)) {
            return ConflictKind.DIRECTORY_FILE;
        }
        if (base == null && (ours == null || theirs == null)) {
            return ConflictKind.ONE_SIDE_ONLY;
        }
        if (theirs == null) {
            return ConflictKind.MODIFY_DELETE;
        }
        if (ours == null) {
            return ConflictKind.DELETE_MODIFY;
        }
        if (isSymlink(base) || ours.isSymlink() || theirs.isSymlink()) {
            return ConflictKind.SYMLINK;
        }
        boolean modeMergeable = ours.mode().equals(theirs.mode())
                || base != null && (base.mode().equals(ours.mode()) || base.mode().equals(theirs.mode()));
        if (!modeMergeable) {
            return ConflictKind.MODE;
        }
        return base == null ? ConflictKind.ADD_ADD : ConflictKind.CONTENT;
    }

    private ConflictedFile build(String path, IndexEntry base, IndexEntry ours, IndexEntry theirs, ConflictKind kind,
            String oldPath) throws IOException {
        if (!kind.hasHunks()) {
            return builder.build(new FileVersions(path, null, null, null), kind, oldPath);
        }
        for (IndexEntry side : new IndexEntry[] {base, ours, theirs}) {
            if (side != null && reader.getObjectSize(side.id(), Constants.OBJ_BLOB)
                    > ConflictModelBuilder.DEFAULT_MAX_BYTES) {
                return ConflictedFile.unsupported(path, kind, "file is larger than the limit of "
                        + ConflictModelBuilder.DEFAULT_MAX_BYTES + " bytes; not merged");
            }
        }
        return builder.build(new FileVersions(path, bytes(base), bytes(ours), bytes(theirs)), kind, oldPath);
    }

    private byte[] bytes(IndexEntry entry) throws IOException {
        if (entry == null) {
            return null;
        }
        ObjectLoader loader = reader.open(entry.id(), Constants.OBJ_BLOB);
        return loader.getCachedBytes(Math.toIntExact(ConflictModelBuilder.DEFAULT_MAX_BYTES));
    }

    /** The path {@code side} renamed {@code oldPath} to, relative to the base, or {@code null}. */
    private String renamedTo(ObjectId side, String oldPath) throws IOException {
        if (trees.base() == null) {
            return null;
        }
        Map<String, String> renames = renamesBySide.get(side);
        if (renames == null) {
            renames = new HashMap<>();
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(trees.base());
                walk.addTree(side);
                walk.setRecursive(true);
                // As git diff does: a directory with the same tree id on both is not read (no entry could differ).
                walk.setFilter(TreeFilter.ANY_DIFF);
                RenameDetector detector = new RenameDetector(reader, diffConfig);
                detector.addAll(DiffEntry.scan(walk));
                for (DiffEntry entry : detector.compute()) {
                    if (entry.getChangeType() == DiffEntry.ChangeType.RENAME) {
                        renames.put(entry.getOldPath(), entry.getNewPath());
                    }
                }
            }
            renamesBySide.put(side, renames);
        }
        return renames.get(oldPath);
    }

    private IndexEntry entryAt(ObjectId tree, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
            return walk == null ? null : new IndexEntry(walk.getFileMode(0), walk.getObjectId(0));
        }
    }

    private boolean isDirectory(ObjectId tree, String path) throws IOException {
        IndexEntry entry = tree == null ? null : entryAt(tree, path);
        return entry != null && FileMode.TREE.equals(entry.mode());
    }

    private static boolean isGitlink(IndexEntry entry) {
        return entry != null && entry.isGitlink();
    }

    private static boolean isSymlink(IndexEntry entry) {
        return entry != null && entry.isSymlink();
    }
}
