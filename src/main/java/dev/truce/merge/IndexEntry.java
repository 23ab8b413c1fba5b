package dev.truce.merge;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One version of a conflicted path as the merge saw it: a mode and an object (a blob, or a commit for a
 * submodule).
 *
 * @param mode the file mode
 * @param id   the object id
 */
public record IndexEntry(FileMode mode, ObjectId id) {

    /** Whether this version is a submodule link. */
    public boolean isGitlink() {
        return FileMode.GITLINK.equals(mode);
    }

    /** Whether this version is a symbolic link. */
    public boolean isSymlink() {
        return FileMode.SYMLINK.equals(mode);
    }
}
