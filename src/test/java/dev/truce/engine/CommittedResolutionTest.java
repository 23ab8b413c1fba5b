package dev.truce.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.resolve.Decider;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.MarkerLabels;

/** Reading back what a committed file resolved each hunk to, and refusing a file changed outside its hunks. */
class CommittedResolutionTest {

    static final String BASE = "a\nb\nc\nd\ne\nf\ng\nh\n";
    static final String OURS = "a\nB1\nc\nd\ne\nF1\ng\nh\n";
    static final String THEIRS = "a\nB2\nc\nd\ne\nF2\ng\nh\n";
    static final Decider MODEL = new Decider.Model("coder");

    static ConflictedFile file() {
        return new ConflictModelBuilder().build(new FileVersions("x.txt", BASE.getBytes(StandardCharsets.UTF_8),
                OURS.getBytes(StandardCharsets.UTF_8), THEIRS.getBytes(StandardCharsets.UTF_8)));
    }

    /** The file with each hunk resolved to {@code texts}, rendered as a commit would hold it. */
    static String committed(ConflictedFile file, String... texts) {
        List<HunkOutcome> outcomes = new ArrayList<>();
        for (ConflictHunk hunk : file.hunks()) {
            outcomes.add(HunkOutcome.resolved(hunk.id(), "test", "r", texts[hunk.id()].lines().map(l -> l + "\n")
                    .toList()));
        }
        return new FileResolution(file, outcomes).render(MarkerLabels.DEFAULT);
    }

    @Test
    void eachHunksTextIsReadBackFromTheCommittedFile() {
        ConflictedFile file = file();
        assertThat(file.hunks()).hasSize(2);
        String text = committed(file, "B1\nB2\n", "");

        Optional<FileResolution> read = CommittedResolution.of(file, text, MODEL, "as committed");

        assertThat(read).isPresent();
        assertThat(read.get().outcomes()).extracting(HunkOutcome::lines)
                .containsExactly(List.of("B1\n", "B2\n"), List.of());
        assertThat(read.get().outcomes()).allMatch(o -> o.decider().equals(MODEL));
        assertThat(read.get().render(MarkerLabels.DEFAULT)).isEqualTo(text);
    }

    @Test
    void aHunkWhoseTextRepeatsTheFollowingStableLinesIsStillSplitRight() {
        ConflictedFile file = file();
        String text = committed(file, "c\nd\n", "F1\n");

        assertThat(CommittedResolution.of(file, text, MODEL, "r")).get()
                .satisfies(r -> assertThat(r.outcomes().get(0).lines()).containsExactly("c\n", "d\n"));
    }

    @Test
    void aFileChangedOutsideItsHunksIsNotReadBack() {
        ConflictedFile file = file();
        String text = committed(file, "B1\n", "F1\n").replace("d\n", "d changed\n");

        assertThat(CommittedResolution.of(file, text, MODEL, "r")).isEmpty();
        assertThat(CommittedResolution.of(file, "", MODEL, "r")).isEmpty();
    }
}
