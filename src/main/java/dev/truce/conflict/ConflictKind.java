package dev.truce.conflict;

/** What kind of conflict a path is in; only {@link #CONTENT}, {@link #ADD_ADD} and {@link #RENAME} have hunks. */
public enum ConflictKind {
    /** Both sides changed the text of the same file. */
    CONTENT("content"),
    /** Both sides added a file at the same path. */
    ADD_ADD("add/add"),
    /**
     * Only one side has a file at this path and the merge base has none: git put it here to make room for something
     * else (a directory, a file of another type), or asks whether it belongs in a directory the other side renamed
     * ("file location", "directory rename suggested"). Where it goes is a decision, not a text merge.
     */
    ONE_SIDE_ONLY("added on one side"),
    /** Ours modified the file, theirs deleted it. */
    MODIFY_DELETE("modify/delete"),
    /** Ours deleted the file, theirs modified it. */
    DELETE_MODIFY("delete/modify"),
    /** Content conflict of a file one side renamed. */
    RENAME("rename"),
    /** At least one version is binary. */
    BINARY("binary"),
    /** A submodule (gitlink) points at different commits. */
    SUBMODULE("submodule"),
    /** A symbolic link points at different targets, or is a link on one side only. */
    SYMLINK("symlink"),
    /** Both sides changed the file mode differently. */
    MODE("mode"),
    /** One side has a file where the other has a directory. */
    DIRECTORY_FILE("directory/file");

    private final String label;

    ConflictKind(String label) {
        this.label = label;
    }

    /** The label used in reports, as git prints it. */
    public String label() {
        return label;
    }

    /** Whether files of this kind are merged line by line into hunks. */
    public boolean hasHunks() {
        return this == CONTENT || this == ADD_ADD || this == RENAME;
    }
}
