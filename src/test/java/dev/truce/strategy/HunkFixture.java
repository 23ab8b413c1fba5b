package dev.truce.strategy;

import java.nio.charset.StandardCharsets;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;

/** Builds conflicted files from three small texts, and resolves their single hunk with one strategy. */
final class HunkFixture {

    private HunkFixture() {
    }

    static ConflictedFile file(String path, String base, String ours, String theirs) {
        return new ConflictModelBuilder().build(new FileVersions(path, bytes(base), bytes(ours), bytes(theirs)));
    }

    static Verdict resolveOnly(ResolutionStrategy strategy, String path, String base, String ours, String theirs) {
        ConflictedFile file = file(path, base, ours, theirs);
        if (file.hunks().size() != 1) {
            throw new AssertionError("fixture should have one hunk, has " + file.hunks().size());
        }
        return strategy.resolve(file, file.hunks().get(0));
    }

    /** The verdict on the file's first hunk; later hunks, if any, are code around it (for example using imports). */
    static Verdict firstHunk(ResolutionStrategy strategy, String path, String base, String ours, String theirs) {
        ConflictedFile file = file(path, base, ours, theirs);
        if (file.hunks().isEmpty()) {
            throw new AssertionError("fixture should have a hunk");
        }
        return strategy.resolve(file, file.hunks().get(0));
    }

    static String text(Verdict verdict) {
        if (!(verdict instanceof Verdict.Resolved r)) {
            throw new AssertionError("expected a resolution, got " + verdict);
        }
        return String.join("", r.lines());
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
