package dev.truce.engine;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.context.ChangeStory;
import dev.truce.context.RelatedChanges;
import dev.truce.model.HunkCall;
import dev.truce.model.ModelStage;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.Resolver;

/**
 * Resolves one conflicted file: the deterministic strategies first, then the model stage (when there is one) for
 * the hunks they left. What the model needs beyond the file (its three versions, why each side changed, what each
 * side changed in other files) is read only when a hunk goes to the model. Not thread-safe: one per thread.
 */
public final class FileResolver {

    private final Resolver strategies;
    private final ModelStage model;

    /**
     * @param strategies the strategy chain with its line-length limit
     * @param model      the model stage for what the strategies leave, or {@code null} for none
     */
    public FileResolver(Resolver strategies, ModelStage model) {
        this.strategies = Objects.requireNonNull(strategies, "strategies");
        this.model = model;
    }

    /** The model stage, or {@code null}. */
    public ModelStage model() {
        return model;
    }

    /**
     * The outcome for one file.
     *
     * @param resolution every hunk's outcome
     * @param modelCalls per hunk sent to the model, what it cost
     */
    public record ResolvedFile(FileResolution resolution, List<HunkCall> modelCalls) {
        public ResolvedFile {
            modelCalls = List.copyOf(modelCalls);
        }
    }

    /**
     * Resolves {@code file} before {@code deadline}.
     *
     * @param versions  the file's three versions, read when the model is asked
     * @param story     why each side changed, read when the model is asked
     * @param elsewhere what each side changed in the merge's other files, read when the model is asked
     */
    public ResolvedFile resolve(ConflictedFile file, Supplier<FileVersions> versions, Supplier<ChangeStory> story,
            Supplier<RelatedChanges.Elsewhere> elsewhere, Deadline deadline) {
        FileResolution resolution = strategies.resolve(file, deadline);
        if (model == null || !file.hasHunks() || resolution.isFullyResolved() || resolution.needsRegeneration()) {
            return new ResolvedFile(resolution, List.of());
        }
        ModelStage.Result asked = model.apply(resolution, versions.get(), story.get(), elsewhere.get(), deadline);
        return new ResolvedFile(asked.resolution(), asked.calls());
    }
}
