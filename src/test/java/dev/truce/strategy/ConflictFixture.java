package dev.truce.strategy;

import java.nio.charset.StandardCharsets;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;

/** Builds conflicted files from three texts and applies one strategy to their only hunk. */
final class ConflictFixture {

    private ConflictFixture() {
    }

    static ConflictedFile file(String path, String base, String ours, String theirs) {
        return new ConflictModelBuilder().build(new FileVersions(path, bytes(base), bytes(ours), bytes(theirs)));
    }

    /** The verdict of the strategy on the file's first hunk (later hunks, if any, are the code using imports). */
    static Verdict onlyHunk(ResolutionStrategy strategy, String path, String base, String ours, String theirs) {
        ConflictedFile file = file(path, base, ours, theirs);
        if (file.hunks().isEmpty()) {
            throw new AssertionError("expected a hunk");
        }
        ConflictHunk hunk = file.hunks().get(0);
        return strategy.resolve(file, hunk);
    }

    static String text(Verdict verdict) {
        if (!(verdict instanceof Verdict.Resolved r)) {
            throw new AssertionError("not resolved: " + verdict);
        }
        return String.join("", r.lines());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
