package dev.truce.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A {@link CommentLedger} in a text file (one key per line), so a job retried after a restart does not post its
 * comments again. Keeps the most recent {@code capacity} keys. For one process; replicas sharing work need a
 * shared store (the database) instead.
 */
public final class FileCommentLedger implements CommentLedger {

    private final Path file;
    private final int capacity;
    private final LinkedHashSet<String> keys = new LinkedHashSet<>();

    /**
     * Opens (or starts) the ledger in {@code file}.
     *
     * @throws IOException when an existing file cannot be read
     */
    public FileCommentLedger(Path file, int capacity) throws IOException {
        this.file = file;
        this.capacity = capacity;
        if (Files.exists(file)) {
            keys.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            keys.remove("");
        }
    }

    @Override
    public synchronized boolean firstTime(String key) {
        String line = key.replace('\n', ' ').replace('\r', ' ');
        if (!keys.add(line)) {
            return false;
        }
        try {
            if (keys.size() > capacity) {
                keys.remove(keys.iterator().next());
                rewrite();
            } else {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            keys.remove(line);
            throw new UncheckedIOException("could not record comment " + line + " in " + file, e);
        }
        return true;
    }

    @Override
    public synchronized void forget(String key) {
        if (keys.remove(key.replace('\n', ' ').replace('\r', ' '))) {
            try {
                rewrite();
            } catch (IOException e) {
                throw new UncheckedIOException("could not update " + file, e);
            }
        }
    }

    private void rewrite() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, List.copyOf(keys), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
