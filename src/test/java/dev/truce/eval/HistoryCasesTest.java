package dev.truce.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class HistoryCasesTest {

    @TempDir
    Path dir;

    /** A repository whose last commit is a conflicted two-parent merge the "human" resolved by hand. */
    public static RevCommit conflictedMerge(Path dir, String human) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            write(dir, "app.properties", "name=truce\nversion=1\nport=80\n");
            write(dir, "README", "hello\n");
            write(dir, "list.txt", "a\nb\nc\nd\ne\n");
            commit(git, "base");
            git.branchCreate().setName("side").call();
            write(dir, "app.properties", "name=truce\nversion=2\nport=80\n");
            write(dir, "README", "hello world\n");
            write(dir, "list.txt", "A\nb\nc\nd\ne\n");
            commit(git, "ours");
            git.checkout().setName("side").call();
            write(dir, "app.properties", "name=truce\nversion=3\nport=80\n");
            write(dir, "list.txt", "a\nb\nc\nd\nE\n");
            commit(git, "theirs");
            git.checkout().setName("main").call();
            // Committed as git would after a hand-resolved merge; no merge runs here, so the only blobs in the
            // repository are the ones committed.
            git.getRepository().writeMergeHeads(List.of(git.getRepository().resolve("side")));
            write(dir, "app.properties", human);
            // The human also edits a cleanly merged file, so replaying produces a blob the repo lacks.
            write(dir, "list.txt", "A\nb\nc\nd\nE\nF\n");
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("merge side").setAuthor("H", "h@example.org")
                    .setCommitter("H", "h@example.org").call();
        }
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor("A", "a@example.org").setCommitter("A", "a@example.org").call();
    }

    private static long objectFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve(".git/objects"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void conflictedMergeBecomesACaseWithTheCommittedFileAsAnswer() throws Exception {
        RevCommit merge = conflictedMerge(dir, "name=truce\nversion=3\nport=80\n");
        long objectsBefore = objectFiles(dir);

        HistoryCases.Scan scan;
        try (Repository repo = HistoryCases.open(dir.toFile())) {
            scan = HistoryCases.scan(repo, "HEAD", null, 0);
        }

        assertThat(scan.merges()).isEqualTo(1);
        assertThat(scan.cases()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(merge.abbreviate(12).name() + "/app.properties");
            assertThat(new String(c.versions().base(), StandardCharsets.UTF_8)).contains("version=1");
            assertThat(new String(c.versions().ours(), StandardCharsets.UTF_8)).contains("version=2");
            assertThat(new String(c.versions().theirs(), StandardCharsets.UTF_8)).contains("version=3");
            assertThat(c.human()).isEqualTo("name=truce\nversion=3\nport=80\n");
        });
        // Replaying merges list.txt in memory; nothing may land in the user's object database.
        assertThat(objectFiles(dir)).isEqualTo(objectsBefore);
    }

    @Test
    void limitAndSinceBoundTheWalk() throws Exception {
        conflictedMerge(dir, "name=truce\nversion=3\nport=80\n");
        try (Repository repo = HistoryCases.open(dir.toFile())) {
            assertThat(HistoryCases.scan(repo, "HEAD", "HEAD", 0).cases()).isEmpty();
            assertThat(HistoryCases.scan(repo, "HEAD", null, 1).merges()).isEqualTo(1);
            assertThatThrownBy(() -> HistoryCases.scan(repo, "no-such-ref", null, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-ref");
        }
    }

    @Test
    void directoryOutsideAnyRepositoryIsRefused() {
        File plain = dir.resolve("plain").toFile();
        plain.mkdirs();
        assertThatThrownBy(() -> HistoryCases.open(plain)).isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void crissCrossMergesAreReplayedAgainstTheVirtualBase() throws Exception {
        String lines = "1\n2\n3\n4\n5\n6\n7\n8\n";
        try (dev.truce.testing.ScenarioRepo repo = dev.truce.testing.ScenarioRepo.init(dir.resolve("criss"))) {
            dev.truce.testing.Tree b = dev.truce.testing.Tree.of().file("f.txt", lines).file("other.txt", "o\n");
            RevCommit base = repo.commit("base", b, "base");
            RevCommit a1 = repo.commit("a", b.copy().file("f.txt", lines.replace("2\n", "a\n")), "a1", base);
            RevCommit c1 = repo.commit("c", b.copy().file("f.txt", lines.replace("7\n", "c\n")), "c1", base);
            String both = lines.replace("2\n", "a\n").replace("7\n", "c\n");
            RevCommit a2 = repo.commit("a", b.copy().file("f.txt", both), "a2", a1, c1);
            RevCommit c2 = repo.commit("c", b.copy().file("f.txt", both), "c2", c1, a1);
            RevCommit ours = repo.commit("main", b.copy().file("f.txt", both).file("other.txt", "O\n"), "a3", a2);
            RevCommit theirs = repo.commit("feature", b.copy().file("f.txt", both).file("other.txt", "T\n"), "c3", c2);
            repo.commit("main", b.copy().file("f.txt", both).file("other.txt", "OT\n"), "merge", ours, theirs);

            HistoryCases.Scan scan = HistoryCases.scan(repo.repository(), "main", null, 1);

            assertThat(scan.merges()).isEqualTo(1);
            assertThat(scan.cases()).singleElement().satisfies(c -> {
                assertThat(c.versions().path()).isEqualTo("other.txt");
                assertThat(new String(c.versions().base(), StandardCharsets.UTF_8)).isEqualTo("o\n");
                assertThat(c.human()).isEqualTo("OT\n");
            });
        }
    }
}
