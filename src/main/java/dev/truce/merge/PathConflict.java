package dev.truce.merge;

import dev.truce.conflict.ConflictKind;
import dev.truce.conflict.ConflictedFile;
import org.eclipse.jgit.lib.FileMode;

/**
 * A conflicted path of a merge: the engine's model of the file plus the index versions it came from, which
 * a writer needs to put the result back (modes, the side that survives, the old path of a rename).
 *
 * @param file   the conflict model; for a rename its path is the new path and {@code oldPath} the base path
 * @param base   the merge base's version, or {@code null}
 * @param ours   our version, or {@code null} when ours deleted it (or has a directory there)
 * @param theirs their version, or {@code null} when theirs deleted it (or has a directory there)
 */
public record PathConflict(ConflictedFile file, IndexEntry base, IndexEntry ours, IndexEntry theirs) {

    /** The path the result is written at. */
    public String path() {
        return file.path();
    }

    /** The kind of conflict. */
    public ConflictKind kind() {
        return file.kind();
    }

    /**
     * The mode a merged file gets: the side that changed the mode wins, as in a three-way merge of the mode;
     * when both changed it differently (a {@link ConflictKind#MODE} conflict) ours.
     */
    public FileMode mergedMode() {
        if (ours == null) {
            return theirs.mode();
        }
        if (theirs == null || ours.mode().equals(theirs.mode())) {
            return ours.mode();
        }
        return base != null && base.mode().equals(ours.mode()) ? theirs.mode() : ours.mode();
    }

    /**
     * The version kept when the file is left unresolved in a partial result: ours when we have the file,
     * else theirs.
     */
    public IndexEntry survivingSide() {
        return ours != null ? ours : theirs;
    }
}
