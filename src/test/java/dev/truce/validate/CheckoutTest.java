package dev.truce.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.merge.OverlayInserter;

/** A merged tree written for a build: modes, links, submodules, bounds, hostile entries, cleanup. */
class CheckoutTest {

    private final InMemoryRepository repository = new InMemoryRepository(new DfsRepositoryDescription("checkout"));
    // The merged tree's objects live only in the overlay, as they do after an in-core merge.
    private final OverlayInserter overlay = new OverlayInserter(repository);

    @TempDir
    Path parent;

    @AfterEach
    void close() {
        repository.close();
    }

    private CheckoutLimits limits() {
        return new CheckoutLimits(parent, 100, 1_000_000);
    }

    private ObjectId blob(String text) throws IOException {
        return overlay.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
    }

    private ObjectId tree(Object... entries) throws IOException {
        TreeFormatter tree = new TreeFormatter();
        for (int i = 0; i < entries.length; i += 3) {
            tree.append((String) entries[i], (FileMode) entries[i + 1], (ObjectId) entries[i + 2]);
        }
        return overlay.insert(tree);
    }

    private Checkout write(ObjectId tree) throws Exception {
        try (ObjectReader reader = overlay.newReader()) {
            return Checkout.write(reader, tree, limits());
        }
    }

    @Test
    void filesFoldersAndTheExecutableBitFromAnOverlayTree() throws Exception {
        ObjectId src = tree("App.java", FileMode.REGULAR_FILE, blob("class App {}\n"));
        ObjectId root = tree("mvnw", FileMode.EXECUTABLE_FILE, blob("#!/bin/sh\necho hi\n"),
                "pom.xml", FileMode.REGULAR_FILE, blob("<project/>\n"), "src", FileMode.TREE, src);

        try (Checkout checkout = write(root)) {
            Path dir = checkout.root();
            assertThat(dir.getParent()).isEqualTo(parent.toRealPath());
            assertThat(Files.readString(dir.resolve("src/App.java"))).isEqualTo("class App {}\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("mvnw"))))
                    .isEqualTo("rwxr-xr-x");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pom.xml"))))
                    .isEqualTo("rw-r--r--");
            assertThat(checkout.files()).isEqualTo(3);
            assertThat(checkout.skipped()).isEmpty();
        }
        assertThat(parent).isEmptyDirectory();
    }

    @Test
    void linksInsideAreMadeAndLinksOutAreSkipped() throws Exception {
        ObjectId docs = tree("guide.md", FileMode.REGULAR_FILE, blob("guide\n"),
                "up", FileMode.SYMLINK, blob(".."),
                "escape", FileMode.SYMLINK, blob("../../etc"));
        ObjectId root = tree("README.md", FileMode.SYMLINK, blob("docs/guide.md"),
                "abs", FileMode.SYMLINK, blob("/etc/passwd"),
                "chain", FileMode.SYMLINK, blob("docs/up/.."),
                "docs", FileMode.TREE, docs);

        try (Checkout checkout = write(root)) {
            Path dir = checkout.root();
            assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo("guide\n");
            assertThat(Files.isSymbolicLink(dir.resolve("docs/up"))).isTrue();
            assertThat(Files.exists(dir.resolve("abs"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(Files.exists(dir.resolve("docs/escape"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            // "docs/up/.." reads as the checkout itself, but docs/up is the checkout: it leads to its parent.
            assertThat(Files.exists(dir.resolve("chain"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(checkout.skipped()).extracting(Checkout.Skipped::path)
                    .containsExactlyInAnyOrder("abs", "docs/escape", "chain");
            assertThat(checkout.skipped()).allSatisfy(s -> assertThat(s.reason()).contains("outside the checkout"));
        }
    }

    @Test
    void submodulesAreSkippedAndSaidSo() throws Exception {
        ObjectId root = tree("lib", FileMode.GITLINK, ObjectId.fromString("0123456789012345678901234567890123456789"),
                "pom.xml", FileMode.REGULAR_FILE, blob("<project/>\n"));

        try (Checkout checkout = write(root)) {
            assertThat(checkout.skipped()).containsExactly(new Checkout.Skipped("lib", "submodule, not checked out"));
            assertThat(checkout.root().resolve("lib")).doesNotExist();
        }
    }

    @Test
    void entriesGitWouldNotCheckOutFailTheWholeCheckout() throws Exception {
        ObjectId evil = tree("passwd", FileMode.REGULAR_FILE, blob("x\n"));
        ObjectId dotdot = tree("..", FileMode.TREE, evil, "a.txt", FileMode.REGULAR_FILE, blob("a\n"));
        ObjectId dotgit = tree(".git", FileMode.TREE, tree("config", FileMode.REGULAR_FILE, blob("[core]\n")));

        assertThatThrownBy(() -> write(dotdot)).isInstanceOf(CheckoutException.class)
                .hasMessageContaining("an entry git would not check out: \"../passwd\"");
        assertThatThrownBy(() -> write(dotgit)).isInstanceOf(CheckoutException.class)
                .hasMessageContaining(".git");
        assertThat(parent).isEmptyDirectory();
        assertThat(parent.getParent().resolve("passwd")).doesNotExist();
    }

    @Test
    void treesOverTheBoundsAreRefusedAndLeaveNothing() throws Exception {
        Object[] entries = new Object[3 * 101];
        for (int i = 0; i < 101; i++) {
            entries[3 * i] = String.format("f%03d", i);
            entries[3 * i + 1] = FileMode.REGULAR_FILE;
            entries[3 * i + 2] = blob("file " + i + "\n");
        }
        ObjectId many = tree(entries);
        ObjectId big = tree("big.bin", FileMode.REGULAR_FILE, blob("x".repeat(1_000_001)));

        assertThatThrownBy(() -> write(many)).isInstanceOf(CheckoutException.class)
                .hasMessage("the tree has more than 100 files; raise the checkout's file limit to build it");
        assertThatThrownBy(() -> write(big)).isInstanceOf(CheckoutException.class)
                .hasMessageContaining("more than 1000000 bytes");
        assertThat(parent).isEmptyDirectory();
    }

    @Test
    void closeDeletesWhatABuildLeftUnwritable() throws Exception {
        Checkout checkout = write(tree("a.txt", FileMode.REGULAR_FILE, blob("a\n")));
        Path locked = Files.createDirectories(checkout.root().resolve("target/classes"));
        Files.writeString(locked.resolve("A.class"), "x");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        Files.setPosixFilePermissions(locked.getParent(), PosixFilePermissions.fromString("---------"));
        Files.createSymbolicLink(checkout.root().resolve("home"), parent.getParent());

        checkout.close();

        assertThat(parent).isEmptyDirectory();
        assertThat(parent.getParent()).exists();
    }
}
