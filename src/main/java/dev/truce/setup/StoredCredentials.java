package dev.truce.setup;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;

/**
 * The App's credentials as the setup page stores them: {@code <data-dir>/github-app/} (mode 700) holding
 * {@code private-key.pem} and {@code webhook-secret} (mode 600) and {@code app.properties}, which names them with the
 * App's id and slug as {@code truce.github.*} settings. {@link StoredCredentialsLoader} reads that file at every start,
 * below every other source of settings, so an operator's own settings always win.
 */
final class StoredCredentials {

    /** The folder under the data directory. */
    static final String FOLDER = "github-app";
    /** The settings file in it. */
    static final String SETTINGS = "app.properties";

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path folder;

    StoredCredentials(Path dataDir) {
        this.folder = dataDir.toAbsolutePath().resolve(FOLDER);
    }

    /** Where they are (or would be) stored. */
    Path folder() {
        return folder;
    }

    /** Whether an App is stored already. */
    boolean exists() {
        return Files.exists(folder.resolve(SETTINGS));
    }

    /**
     * Writes the App's credentials; the settings file last, so a half-written set is never read as an App.
     *
     * @throws IOException when the folder cannot be written, is not on a file system with owner-only permissions,
     *                     or already holds an App
     */
    void store(RegisteredApp app) throws IOException {
        Files.createDirectories(folder.getParent());
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } catch (UnsupportedOperationException e) {
                throw new IOException(folder.getFileSystem() + " has no owner-only file permissions; set"
                        + " truce.setup.store=show and keep the credentials in a secret store instead", e);
            }
        }
        PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
        if (view == null) {
            throw new IOException(folder + " has no owner-only file permissions; set truce.setup.store=show");
        }
        view.setPermissions(OWNER_ONLY_DIR);
        if (exists()) {
            throw new FileAlreadyExistsException(folder.resolve(SETTINGS).toString(), null,
                    "an App is stored already; remove the folder to register another");
        }
        Path key = folder.resolve("private-key.pem");
        Path secret = folder.resolve("webhook-secret");
        write(key, app.privateKeyPem());
        write(secret, app.webhookSecret());
        Properties settings = new Properties();
        settings.setProperty("truce.github.app-id", Long.toString(app.id()));
        settings.setProperty("truce.github.app-slug", app.slug());
        settings.setProperty("truce.github.private-key-file", key.toString());
        settings.setProperty("truce.github.webhook-secret-file", secret.toString());
        StringBuilder text = new StringBuilder("# Written by Truce's setup page for the GitHub App ")
                .append(app.name()).append(" (").append(app.htmlUrl()).append(").\n");
        settings.stringPropertyNames().stream().sorted().forEach(name -> text.append(name).append('=')
                .append(settings.getProperty(name).replace("\\", "\\\\")).append('\n'));
        write(folder.resolve(SETTINGS), text.toString());
    }

    /** The stored settings, or {@code null} when none are stored. */
    Properties load() throws IOException {
        Path file = folder.resolve(SETTINGS);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            settings.load(reader);
        }
        return settings;
    }

    /** Creates the file owner-only from the start (never world-readable for a moment), then moves it in place. */
    private void write(Path target, String content) throws IOException {
        Path temp = Files.createTempFile(folder, ".tmp-", "", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
