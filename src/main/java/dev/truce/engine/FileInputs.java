package dev.truce.engine;

import java.util.function.Supplier;

import dev.truce.conflict.FileVersions;
import dev.truce.context.ChangeStory;
import dev.truce.context.Precedents;
import dev.truce.context.RelatedChanges;

/**
 * What resolving a file may need beyond its conflict model, each read only when first needed (most files are
 * settled by the strategies and never ask): the three versions (for the model and the checks), why each side changed
 * and what each side changed in the merge's other files (for the model), and how the repository resolved conflicts
 * like these before (for the model, and to hold back a strategy whose result goes against a consistent habit).
 *
 * @param versions   the file's base, ours and theirs
 * @param story      why each side changed the file
 * @param elsewhere  what each side changed in the merge's other files
 * @param precedents earlier resolutions of the repository, only of merges older than this one
 */
public record FileInputs(Supplier<FileVersions> versions, Supplier<ChangeStory> story,
        Supplier<RelatedChanges.Elsewhere> elsewhere, Supplier<Precedents> precedents) {

    /** Inputs without precedents. */
    public FileInputs(Supplier<FileVersions> versions, Supplier<ChangeStory> story,
            Supplier<RelatedChanges.Elsewhere> elsewhere) {
        this(versions, story, elsewhere, () -> Precedents.NONE);
    }

    /** The three versions, with no story, nothing changed elsewhere and no precedents (a corpus case, a test). */
    public static FileInputs of(FileVersions versions) {
        return new FileInputs(() -> versions, () -> ChangeStory.NONE, () -> RelatedChanges.Elsewhere.NONE);
    }

    /** These inputs with another story. */
    public FileInputs withStory(Supplier<ChangeStory> other) {
        return new FileInputs(versions, other, elsewhere, precedents);
    }

    /** These inputs with precedents. */
    public FileInputs withPrecedents(Supplier<Precedents> other) {
        return new FileInputs(versions, story, elsewhere, other);
    }
}
