package dev.truce.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.truce.testing.ScenarioRepo;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayInserterTest {

    @TempDir
    Path dir;

    @Test
    void objectsAreReadableFromTheOverlayButReachTheRepositoryOnlyWhenFlushed() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            OverlayInserter overlay = new OverlayInserter(repo.repository());
            byte[] text = "hello\n".getBytes(StandardCharsets.UTF_8);

            ObjectId id = overlay.insert(Constants.OBJ_BLOB, text);

            assertThat(id).isEqualTo(overlay.idFor(Constants.OBJ_BLOB, text));
            try (ObjectReader reader = overlay.newReader()) {
                assertThat(reader.open(id).getBytes()).isEqualTo(text);
                assertThat(reader.getCreatedFromInserter()).isSameAs(overlay);
                assertThatThrownBy(() -> reader.open(id, Constants.OBJ_TREE))
                        .isInstanceOf(IncorrectObjectTypeException.class);
            }
            assertThat(repo.repository().getObjectDatabase().has(id)).isFalse();
            assertThat(repo.objectFileCount()).isZero();

            overlay.flushInto(repo.repository(), id);

            assertThat(repo.repository().getObjectDatabase().has(id)).isTrue();
        }
    }

    @Test
    void flushingCopiesWhatTheResultReachesAndLeavesTheMergesScratchObjectsOut() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            OverlayInserter overlay = new OverlayInserter(repo.repository());
            ObjectId kept = overlay.insert(Constants.OBJ_BLOB, "merged\n".getBytes(StandardCharsets.UTF_8));
            // What an intermediate merge (a virtual merge base, say) made and the result does not use.
            ObjectId scratch = overlay.insert(Constants.OBJ_BLOB, "scratch\n".getBytes(StandardCharsets.UTF_8));
            TreeFormatter subtree = new TreeFormatter();
            subtree.append("merged.txt", FileMode.REGULAR_FILE, kept);
            TreeFormatter root = new TreeFormatter();
            root.append("dir", FileMode.TREE, overlay.insert(subtree));
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(overlay.insert(root));
            PersonIdent ident = new PersonIdent("Truce", "truce@example.org");
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            ObjectId tip = overlay.insert(commit);

            overlay.flushInto(repo.repository(), tip);

            assertThat(repo.repository().getObjectDatabase().has(tip)).isTrue();
            assertThat(repo.repository().getObjectDatabase().has(kept)).isTrue();
            assertThat(repo.repository().getObjectDatabase().has(scratch)).isFalse();
            assertThat(repo.objectFileCount()).isEqualTo(4);
        }
    }
}
