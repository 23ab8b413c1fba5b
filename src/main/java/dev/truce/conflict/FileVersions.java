package dev.truce.conflict;

/**
 * The three versions of one file as raw bytes; a {@code null} side has no file at this path.
 *
 * @param path   path of the file in the merged result
 * @param base   bytes at the merge base, or {@code null} (added on both sides)
 * @param ours   bytes on our side, or {@code null} (deleted by ours)
 * @param theirs bytes on their side, or {@code null} (deleted by theirs)
 */
public record FileVersions(String path, byte[] base, byte[] ours, byte[] theirs) {

    /** The kind git would report for these versions before looking at their content. */
    public ConflictKind presenceKind() {
        if (base == null) {
            return ours == null || theirs == null ? ConflictKind.ONE_SIDE_ONLY : ConflictKind.ADD_ADD;
        }
        if (theirs == null) {
            return ConflictKind.MODIFY_DELETE;
        }
        if (ours == null) {
            return ConflictKind.DELETE_MODIFY;
        }
        return ConflictKind.CONTENT;
    }
}
