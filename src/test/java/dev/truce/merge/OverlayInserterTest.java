package dev.truce.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.truce.fixtures.ScenarioRepo;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
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

            overlay.flushInto(repo.repository());

            assertThat(repo.repository().getObjectDatabase().has(id)).isTrue();
        }
    }
}
