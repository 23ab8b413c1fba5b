package dev.truce.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jgit.lib.ObjectReader;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.FileVersions;
import dev.truce.context.ChangeStory;
import dev.truce.context.CommitStories;
import dev.truce.context.RelatedChanges;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.IndexEntry;
import dev.truce.merge.PathConflict;
import dev.truce.model.HunkCall;
import dev.truce.resolve.Decider;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;

/**
 * Turns a computed merge into a resolved one, file by file ({@link FileResolver}: strategies, then the model), the
 * same way for every driver: {@code truce resolve} (two revisions, or a merge in progress), {@code truce eval --repo}
 * and the GitHub App. Like JGit's {@code Merger} behind its merge, cherry-pick and revert commands, the drivers differ
 * only in what they do with the result. Reads the repository; writes nothing.
 */
public final class MergeResolver {

    private final FileResolver files;

    /** A resolver of merges whose files are resolved by {@code files}. */
    public MergeResolver(FileResolver files) {
        this.files = files;
    }

    /**
     * Resolves every conflicted file of {@code merge} that {@code request} does not leave to a human.
     *
     * @throws IOException when a version of a file cannot be read from the repository
     */
    public ResolvedMerge resolve(ComputedMerge merge, MergeRequest request) throws IOException {
        List<FileResolution> resolutions = new ArrayList<>();
        List<HunkCall> calls = new ArrayList<>();
        Lazy<RelatedChanges.Elsewhere> elsewhere = new Lazy<>(() -> elsewhere(merge));
        try (ObjectReader reader = merge.objects().newReader()) {
            for (PathConflict conflict : merge.conflicts()) {
                if (request.ignored().contains(conflict.path())) {
                    resolutions.add(ignored(conflict));
                    continue;
                }
                FileResolver.Result resolved = files.resolve(conflict.file(), new FileInputs(
                        () -> versions(reader, conflict), () -> story(merge, conflict, request), elsewhere),
                        request.fileDeadline());
                resolutions.add(resolved.resolution());
                calls.addAll(resolved.modelCalls());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        ResolvedMerge result = new ResolvedMerge(merge, resolutions, request.ignored(), calls);
        return request.newCodeNeedsHuman() ? result.newCodeToHuman() : result;
    }

    private static FileResolution ignored(PathConflict conflict) {
        List<HunkOutcome> outcomes = new ArrayList<>();
        if (conflict.file().hasHunks()) {
            for (ConflictHunk hunk : conflict.file().hunks()) {
                outcomes.add(new HunkOutcome.Unresolved(hunk.id(), Decider.NOBODY, HunkOutcome.Cause.IGNORED,
                        "ignored by .github/truce.yml", null));
            }
        }
        return new FileResolution(conflict.file(), outcomes);
    }

    /** The three versions, through the merge's overlay: a criss-cross merge's virtual base exists only there. */
    private static FileVersions versions(ObjectReader reader, PathConflict conflict) {
        try {
            return new FileVersions(conflict.path(), bytes(reader, conflict.base()), bytes(reader, conflict.ours()),
                    bytes(reader, conflict.theirs()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectReader reader, IndexEntry entry) throws IOException {
        if (entry == null || entry.isGitlink() || entry.isSymlink()) {
            return null;
        }
        return reader.open(entry.id()).getBytes();
    }

    /**
     * Why each side changed the file: the subjects of each side's own commits that touched it, and a pull request's
     * title and description for the head side. All untrusted; the prompt presents it as data.
     */
    private static ChangeStory story(ComputedMerge merge, PathConflict conflict, MergeRequest request) {
        ChangeStory history;
        try {
            history = CommitStories.of(merge.repository(), merge.ours(), merge.theirs(), conflict.path());
        } catch (IOException e) {
            // A shallow history can end before a commit; the story is a help, not a requirement.
            history = ChangeStory.NONE;
        }
        if (request.pullRequestTitle() == null && request.pullRequestBody() == null) {
            return history;
        }
        return new ChangeStory(history.ours(), history.theirs(), request.pullRequestTitle(), request.pullRequestBody());
    }

    /** What each side changed in the merge's other files; read once per merge, when a hunk first goes to the model. */
    private static RelatedChanges.Elsewhere elsewhere(ComputedMerge merge) {
        try {
            return RelatedChanges.Elsewhere.fromTrees(merge.repository(), merge.trees().base(), merge.trees().ours(),
                    merge.trees().theirs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value computed on first use. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> compute;
        private T value;

        Lazy(Supplier<T> compute) {
            this.compute = compute;
        }

        @Override
        public T get() {
            if (value == null) {
                value = compute.get();
            }
            return value;
        }
    }
}
