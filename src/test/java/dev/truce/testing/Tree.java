package dev.truce.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/** The files of one commit in a test scenario: a mutable map from path to mode and content. */
public final class Tree {

    /** One file: its mode and bytes (for a gitlink, the commit id it points at). */
    record Entry(FileMode mode, byte[] content, ObjectId gitlink) {
    }

    private final Map<String, Entry> entries = new TreeMap<>();

    private Tree() {
    }

    /** An empty tree. */
    public static Tree of() {
        return new Tree();
    }

    /** A copy to derive a side from. */
    public Tree copy() {
        Tree copy = new Tree();
        copy.entries.putAll(entries);
        return copy;
    }

    /** Adds or replaces a regular UTF-8 text file. */
    public Tree file(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds or replaces a regular file with the given bytes. */
    public Tree file(String path, byte[] content) {
        entries.put(path, new Entry(FileMode.REGULAR_FILE, content, null));
        return this;
    }

    /** Adds or replaces an executable text file. */
    public Tree executable(String path, String text) {
        entries.put(path, new Entry(FileMode.EXECUTABLE_FILE, text.getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    /** Adds or replaces a symbolic link. */
    public Tree symlink(String path, String target) {
        entries.put(path, new Entry(FileMode.SYMLINK, target.getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    /** Adds or replaces a submodule entry pointing at the given commit. */
    public Tree gitlink(String path, String commitId) {
        entries.put(path, new Entry(FileMode.GITLINK, null, ObjectId.fromString(commitId)));
        return this;
    }

    /** Removes a path. */
    public Tree delete(String path) {
        entries.remove(path);
        return this;
    }

    Map<String, Entry> entries() {
        return entries;
    }
}
