package dev.truce.validate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of a git tree written into a fresh temporary folder, for a build to run on; never the user's work
 * tree. The tree's objects are read through the caller's {@link ObjectReader}, so a merged tree that exists only
 * in an in-memory overlay can be checked out.
 *
 * <ul>
 * <li>Files get git's modes: {@code 0755} for executables, {@code 0644} otherwise.</li>
 * <li>Symbolic links are made only when they point inside the checkout (judged on the target's text and again,
 * once all links exist, on where they really lead); others are skipped and listed in {@link #skipped()}.</li>
 * <li>Submodules are skipped and listed: a build that needs one fails and says so.</li>
 * <li>Entries git itself refuses ({@code ..}, {@code .git}, ...) and trees over the {@link CheckoutLimits}
 * make the whole checkout fail, leaving nothing on disk.</li>
 * </ul>
 * Truce never writes through a link: links are made after every file, and files are opened without following
 * links. {@link #close()} deletes the folder, whatever a build left in it.
 */
public final class Checkout implements AutoCloseable {

    private static final int MAX_LINK_TARGET = 4096;
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path root;
    private final int files;
    private final long bytes;
    private final List<Skipped> skipped;

    private Checkout(Path root, int files, long bytes, List<Skipped> skipped) {
        this.root = root;
        this.files = files;
        this.bytes = bytes;
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Writes a tree into a new temporary folder.
     *
     * @param reader reads the tree's objects (the merge's overlay reader for a merged tree)
     * @param tree   the tree to write
     * @param limits where, and how much at most
     * @throws CheckoutException when the tree is over a limit or holds an entry git would not check out
     * @throws IOException       when reading an object or writing a file fails
     */
    public static Checkout write(ObjectReader reader, AnyObjectId tree, CheckoutLimits limits)
            throws CheckoutException, IOException {
        Path root = limits.parent() == null ? Files.createTempDirectory("truce-checkout-")
                : Files.createTempDirectory(limits.parent(), "truce-checkout-");
        try {
            return fill(root.toRealPath(), reader, tree, limits);
        } catch (CheckoutException | IOException | RuntimeException e) {
            delete(root);
            throw e;
        }
    }

    private static Checkout fill(Path root, ObjectReader reader, AnyObjectId tree, CheckoutLimits limits)
            throws CheckoutException, IOException {
        ObjectChecker checker = new ObjectChecker();
        List<Skipped> skipped = new ArrayList<>();
        List<String[]> links = new ArrayList<>();
        int files = 0;
        long bytes = 0;
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                try {
                    checker.checkPath(walk.getRawPath(), 0, walk.getPathLength());
                } catch (CorruptObjectException e) {
                    throw new CheckoutException("the tree holds an entry git would not check out: \"" + path + "\" ("
                            + e.getMessage() + ")");
                }
                FileMode mode = walk.getFileMode(0);
                ObjectId id = walk.getObjectId(0);
                if (mode == FileMode.GITLINK) {
                    skipped.add(new Skipped(path, "submodule, not checked out"));
                    continue;
                }
                if (++files > limits.maxFiles()) {
                    throw new CheckoutException("the tree has more than " + limits.maxFiles()
                            + " files; raise the checkout's file limit to build it");
                }
                long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
                bytes += size;
                if (bytes > limits.maxBytes()) {
                    throw new CheckoutException("the tree's files take more than " + limits.maxBytes()
                            + " bytes; raise the checkout's size limit to build it");
                }
                if (mode == FileMode.SYMLINK) {
                    if (size > MAX_LINK_TARGET) {
                        skipped.add(new Skipped(path, "symbolic link with a target of " + size + " bytes"));
                    } else {
                        links.add(new String[] {path,
                                new String(reader.open(id, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8)});
                    }
                    continue;
                }
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    skipped.add(new Skipped(path, "entry of mode " + mode + ", not a file"));
                    continue;
                }
                writeFile(root, path, reader, id, mode == FileMode.EXECUTABLE_FILE);
            }
        }
        List<String[]> made = new ArrayList<>();
        for (String[] link : links) {
            if (link(root, link[0], link[1], skipped)) {
                made.add(link);
            }
        }
        // Links through links can lead out although each target reads as inside: once all exist, follow them.
        for (String[] link : made) {
            Path path = root.resolve(link[0]);
            try {
                if (!path.toRealPath().startsWith(root)) {
                    Files.delete(path);
                    skipped.add(new Skipped(link[0], "symbolic link to " + link[1]
                            + ", which leads outside the checkout"));
                }
            } catch (NoSuchFileException dangling) {
                // points inside, at nothing: harmless to Truce, and the build will say if it matters
            }
        }
        return new Checkout(root, files, bytes, skipped);
    }

    private static void writeFile(Path root, String path, ObjectReader reader, ObjectId id, boolean executable)
            throws IOException, CheckoutException {
        Path file = root.resolve(path);
        try {
            Files.createDirectories(file.getParent());
        } catch (FileAlreadyExistsException e) {
            throw new CheckoutException("the tree has a file and a folder named " + e.getFile() + "");
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            reader.open(id, Constants.OBJ_BLOB).copyTo(out);
        } catch (FileAlreadyExistsException e) {
            throw new CheckoutException("the tree names " + path + " twice");
        }
        Files.setPosixFilePermissions(file, executable ? EXECUTABLE : FILE);
    }

    private static boolean link(Path root, String path, String target, List<Skipped> skipped) throws IOException,
            CheckoutException {
        Path link = root.resolve(path);
        Path lexical = link.getParent().resolve(target).normalize();
        if (target.isEmpty() || target.indexOf('\0') >= 0 || Path.of(target).isAbsolute() || !lexical.startsWith(root)) {
            skipped.add(new Skipped(path, "symbolic link to " + target + ", outside the checkout"));
            return false;
        }
        Files.createDirectories(link.getParent());
        try {
            Files.createSymbolicLink(link, Path.of(target));
        } catch (FileAlreadyExistsException e) {
            throw new CheckoutException("the tree names " + path + " twice");
        }
        return true;
    }

    /** The checkout's folder (absolute, links resolved). */
    public Path root() {
        return root;
    }

    /** How many files and links the tree has (submodules not counted). */
    public int files() {
        return files;
    }

    /** How many bytes of content the tree's files have. */
    public long bytes() {
        return bytes;
    }

    /** Entries not written, each with the reason. */
    public List<Skipped> skipped() {
        return skipped;
    }

    /** Deletes the folder and everything in it, including what a build made unwritable. */
    @Override
    public void close() throws IOException {
        delete(root);
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                dir.toFile().setWritable(true, true); // a build may have left folders read-only
                dir.toFile().setExecutable(true, true);
                dir.toFile().setReadable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * An entry of the tree that is not in the checkout.
     *
     * @param path   its path in the tree
     * @param reason why: a submodule, a link leading outside the checkout, ...
     */
    public record Skipped(String path, String reason) {
    }
}
