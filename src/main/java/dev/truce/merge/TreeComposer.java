package dev.truce.merge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Builds a tree from files and whole subtrees, reading a subtree only when a path inside it is added or removed, and
 * writing only the directories that changed: the trees of a merge result that mostly reuses its sides' directories.
 *
 * <p>Paths are byte strings (one char per byte, ISO-8859-1), so names that are not UTF-8 survive as git stored them.
 */
final class TreeComposer {

    private final ObjectReader reader;
    private final Dir root = new Dir();

    TreeComposer(ObjectReader reader) {
        this.reader = reader;
    }

    /** A path given as Java text (UTF-8 in git) as the byte string this class keys on. */
    static String raw(String path) {
        return new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Puts a file (or link, or submodule) at {@code rawPath}, replacing what is there. */
    void putFile(String rawPath, FileMode mode, ObjectId id) throws IOException {
        put(rawPath, new FileNode(mode, id.copy()));
    }

    /** Puts a whole subtree at {@code rawPath}. */
    void putTree(String rawPath, ObjectId tree) throws IOException {
        put(rawPath, new TreeNode(tree.copy()));
    }

    /** Removes whatever is at {@code rawPath}, if anything. */
    void remove(String rawPath) throws IOException {
        String[] names = rawPath.split("/", -1);
        Dir dir = root;
        for (int i = 0; i < names.length - 1; i++) {
            Node child = dir.children.get(names[i]);
            if (child instanceof TreeNode tree) {
                child = expand(dir, names[i], tree);
            }
            if (!(child instanceof Dir next)) {
                return;
            }
            dir = next;
        }
        dir.children.remove(names[names.length - 1]);
    }

    /** Writes every changed directory and returns the root tree's id. */
    ObjectId write(ObjectInserter inserter) throws IOException {
        ObjectId id = write(root, inserter);
        return id != null ? id : inserter.insert(new TreeFormatter());
    }

    private void put(String rawPath, Node node) throws IOException {
        String[] names = rawPath.split("/", -1);
        Dir dir = root;
        for (int i = 0; i < names.length - 1; i++) {
            Node child = dir.children.get(names[i]);
            if (child == null) {
                child = new Dir();
                dir.children.put(names[i], child);
            } else if (child instanceof TreeNode tree) {
                child = expand(dir, names[i], tree);
            } else if (child instanceof FileNode) {
                throw new IllegalStateException("a file and a directory at the same path: " + display(names, i));
            }
            dir = (Dir) child;
        }
        Node existing = dir.children.get(names[names.length - 1]);
        if (existing != null && !(existing instanceof FileNode) && node instanceof FileNode) {
            throw new IllegalStateException("a file and a directory at the same path: " + display(names,
                    names.length - 1));
        }
        dir.children.put(names[names.length - 1], node);
    }

    private Dir expand(Dir parent, String name, TreeNode tree) throws IOException {
        Dir dir = new Dir();
        CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree.id());
        for (; !parser.eof(); parser.next(1)) {
            byte[] nameBytes = new byte[parser.getNameLength()];
            parser.getName(nameBytes, 0);
            String child = new String(nameBytes, StandardCharsets.ISO_8859_1);
            FileMode mode = parser.getEntryFileMode();
            dir.children.put(child, FileMode.TREE.equals(mode) ? new TreeNode(parser.getEntryObjectId())
                    : new FileNode(mode, parser.getEntryObjectId()));
        }
        parent.children.put(name, dir);
        return dir;
    }

    /** Writes {@code dir} and its changed subdirectories; {@code null} when nothing is left in it. */
    private static ObjectId write(Dir dir, ObjectInserter inserter) throws IOException {
        List<Written> written = new ArrayList<>(dir.children.size());
        for (Map.Entry<String, Node> e : dir.children.entrySet()) {
            Node node = e.getValue();
            byte[] name = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
            if (node instanceof FileNode file) {
                written.add(new Written(name, file.mode(), file.id()));
            } else if (node instanceof TreeNode tree) {
                written.add(new Written(name, FileMode.TREE, tree.id()));
            } else {
                ObjectId id = write((Dir) node, inserter);
                if (id != null) {
                    written.add(new Written(name, FileMode.TREE, id));
                }
            }
        }
        if (written.isEmpty()) {
            return null;
        }
        written.sort(TreeComposer::canonicalOrder);
        TreeFormatter formatter = new TreeFormatter();
        for (Written w : written) {
            formatter.append(w.name(), w.mode(), w.id());
        }
        return inserter.insert(formatter);
    }

    /** Git's tree order: names as bytes, a subtree's name compared as if it ended in '/'. */
    private static int canonicalOrder(Written a, Written b) {
        int n = Math.min(a.name().length, b.name().length);
        for (int i = 0; i < n; i++) {
            int c = (a.name()[i] & 0xff) - (b.name()[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return lastChar(a, n) - lastChar(b, n);
    }

    private static int lastChar(Written w, int at) {
        if (w.name().length > at) {
            return w.name()[at] & 0xff;
        }
        return FileMode.TREE.equals(w.mode()) ? '/' : 0;
    }

    private static String display(String[] names, int upTo) {
        String joined = String.join("/", java.util.Arrays.copyOf(names, upTo + 1));
        return new String(joined.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private sealed interface Node permits FileNode, TreeNode, Dir {
    }

    private record FileNode(FileMode mode, ObjectId id) implements Node {
    }

    /** A subtree not read yet. */
    private record TreeNode(ObjectId id) implements Node {
    }

    private static final class Dir implements Node {
        private final Map<String, Node> children = new HashMap<>();
    }

    private record Written(byte[] name, FileMode mode, ObjectId id) {
    }
}
