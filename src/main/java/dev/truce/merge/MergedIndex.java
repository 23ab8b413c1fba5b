package dev.truce.merge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What a merge produced outside the file contents it left to resolve: the index entries of the paths it looked at
 * (stage 0 for merged paths, stages 1 to 3 for conflicts) and the directories it took whole from one side.
 *
 * <p>Like git's merge-ort, the in-core merge does not descend into a directory that only one side changed (or that
 * both changed identically): the whole directory is that side's tree, unread. So a merge touching a few files of a
 * repository of ten thousand costs a few directories, not ten thousand index entries. A merge the git CLI left in a
 * work tree has its full index here and no whole trees.
 *
 * @param entries    index entries of the paths outside the whole trees, sorted as an index is
 * @param wholeTrees directories taken whole, none inside another, none holding an entry of {@code entries}
 */
public record MergedIndex(DirCache entries, List<WholeTree> wholeTrees) {

    /**
     * A directory taken whole from one side of the merge.
     *
     * @param rawPath the directory's path from the root, without a trailing slash, as git stores it: one char
     *                per byte (ISO-8859-1), so that a name that is not UTF-8 survives
     * @param tree    its tree
     */
    public record WholeTree(String rawPath, ObjectId tree) {
    }

    public MergedIndex {
        wholeTrees = List.copyOf(wholeTrees);
    }

    /** A complete index (a merge the git CLI left in a work tree): every path is one of its entries. */
    public static MergedIndex of(DirCache index) {
        return new MergedIndex(index, List.of());
    }

    /**
     * The merged version of {@code path} when the merge merged it cleanly, else {@code null} (a conflict, a
     * directory, or no such path in the result).
     *
     * @param reader reads the whole trees
     * @throws IOException when a tree cannot be read
     */
    public IndexEntry merged(ObjectReader reader, String path) throws IOException {
        DirCacheEntry entry = entries.getEntry(path);
        if (entry != null) {
            return entry.getStage() == DirCacheEntry.STAGE_0
                    ? new IndexEntry(entry.getFileMode(), entry.getObjectId()) : null;
        }
        String raw = TreeComposer.raw(path);
        for (WholeTree whole : wholeTrees) {
            String dir = whole.rawPath();
            if (raw.startsWith(dir) && raw.length() > dir.length() && raw.charAt(dir.length()) == '/') {
                String inside = new String(raw.substring(dir.length() + 1).getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
                try (TreeWalk walk = TreeWalk.forPath(reader, inside, whole.tree())) {
                    if (walk == null || FileMode.TREE.equals(walk.getFileMode(0))) {
                        return null;
                    }
                    return new IndexEntry(walk.getFileMode(0), walk.getObjectId(0));
                }
            }
        }
        return null;
    }

    /**
     * Writes the merged tree: every stage-0 entry and whole tree, without the paths in {@code removed}, with the
     * entries of {@code put} added or replacing. Conflict stages are not written: {@code put} gives what each
     * conflicted path becomes.
     *
     * @param inserter receives the new trees
     * @param reader   reads the whole trees that an added or removed path falls inside
     * @throws IOException when a tree cannot be read or written
     */
    public ObjectId writeTree(ObjectInserter inserter, ObjectReader reader, Map<String, IndexEntry> put,
            Set<String> removed) throws IOException {
        TreeComposer composer = new TreeComposer(reader);
        for (WholeTree whole : wholeTrees) {
            composer.putTree(whole.rawPath(), whole.tree());
        }
        for (int i = 0; i < entries.getEntryCount(); i++) {
            DirCacheEntry entry = entries.getEntry(i);
            if (entry.getStage() == DirCacheEntry.STAGE_0) {
                composer.putFile(new String(entry.getRawPath(), StandardCharsets.ISO_8859_1), entry.getFileMode(),
                        entry.getObjectId());
            }
        }
        for (String path : removed) {
            composer.remove(TreeComposer.raw(path));
        }
        for (Map.Entry<String, IndexEntry> e : put.entrySet()) {
            composer.putFile(TreeComposer.raw(e.getKey()), e.getValue().mode(), e.getValue().id());
        }
        return composer.write(inserter);
    }
}
