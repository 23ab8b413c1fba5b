package dev.truce.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.context.ChangeStory;
import dev.truce.context.PromptStyle;
import dev.truce.context.RelatedChanges;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.Resolver;
import dev.truce.testing.FarApartConflicts;
import dev.truce.testing.MutableClock;

/** The model stage stops asking once the deadline has passed, and says so for the hunks it did not ask about. */
class ModelStageDeadlineTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void anExpiredDeadlineSendsNoRequest() {
        Fixture f = new Fixture(3);
        AnsweringModel model = new AnsweringModel(Duration.ZERO);

        FileResolution after = new ModelStage(model, null, PromptStyle.CONTEXT)
                .apply(f.resolution, f.versions, ChangeStory.NONE, RelatedChanges.Elsewhere.NONE,
                        Deadline.after(Duration.ZERO, clock)).resolution();

        assertThat(model.requests).isEmpty();
        assertThat(after.outcomes()).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(HunkOutcome.Status.UNRESOLVED);
            assertThat(o.strategy()).isNull();
            assertThat(o.reason()).startsWith("needs a human: took too long");
        });
    }

    @Test
    void aDeadlineThatPassesDuringARequestStopsFurtherRequests() {
        Fixture f = new Fixture(3);
        AnsweringModel model = new AnsweringModel(Duration.ofSeconds(40));

        FileResolution after = new ModelStage(model, null, PromptStyle.CONTEXT)
                .apply(f.resolution, f.versions, ChangeStory.NONE, RelatedChanges.Elsewhere.NONE,
                        Deadline.after(Duration.ofSeconds(60), clock)).resolution();

        assertThat(model.requests).as("one request per hunk, the third not sent").containsExactly("h0", "h1");
        assertThat(after.outcomes().get(0).reason()).isEqualTo("declined: not sure");
        assertThat(after.outcomes().get(1).reason()).isEqualTo("declined: not sure");
        assertThat(after.outcomes().get(2).reason())
                .isEqualTo("needs a human: took too long (the time limit of 1 min passed before this was decided)");
    }

    @Test
    void withoutADeadlineEveryHunkIsAsked() {
        Fixture f = new Fixture(3);
        AnsweringModel model = new AnsweringModel(Duration.ofHours(1));

        new ModelStage(model, null, PromptStyle.CONTEXT).apply(f.resolution, f.versions, ChangeStory.NONE);

        assertThat(model.requests).containsExactly("h0", "h1", "h2");
    }

    /** A Java file with {@code n} conflicts far apart, none of which a strategy resolves. */
    private static final class Fixture {
        final FileVersions versions;
        final FileResolution resolution;

        Fixture(int n) {
            versions = FarApartConflicts.javaFile(n);
            ConflictedFile file = new ConflictModelBuilder().build(versions);
            resolution = new Resolver().resolve(file);
            assertThat(resolution.outcomes()).hasSize(n).allMatch(o -> o.status() == HunkOutcome.Status.UNRESOLVED);
        }
    }

    /** Declines every hunk it is asked about, taking a fixed time of the test's clock per request. */
    private final class AnsweringModel implements ModelClient {
        final List<String> requests = new ArrayList<>();
        final Duration takes;

        AnsweringModel(Duration takes) {
            this.takes = takes;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public boolean isLocal() {
            return true;
        }

        @Override
        public ModelReply complete(ModelRequest request) {
            requests.addAll(request.hunkIds());
            clock.advance(takes);
            String text = request.hunkIds().stream().map(id -> "<<<HUNK " + id + " DECLINED>>> not sure")
                    .collect(Collectors.joining("\n"));
            return new ModelReply(text, false, null, Usage.NONE, Duration.ZERO, "fake");
        }
    }
}
