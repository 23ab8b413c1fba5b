package dev.truce.validate;

import java.util.List;
import java.util.Objects;

/**
 * A resolved file and what it was resolved from, as the checks need them.
 *
 * @param path    the path relative to the repository root; its name picks the syntax check
 * @param result  the resolved text
 * @param base    the merge base's text, {@code null} when the file is new on both sides
 * @param ours    our text, {@code null} when the file does not exist on our side
 * @param theirs  their text, {@code null} when the file does not exist on their side
 * @param regions the lines of the result that the resolution decided (one range per resolved hunk); the
 *                rest is text git merged by itself
 */
public record ResolvedFile(String path, String result, String base, String ours, String theirs,
        List<LineRange> regions) {

    public ResolvedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(result, "result");
        regions = List.copyOf(regions);
    }

    /** Whether a line of the result lies in a resolved region. */
    boolean resolved(int line) {
        return regions.stream().anyMatch(r -> r.contains(line));
    }

    /** The texts of the sides that exist: ours, then theirs. */
    List<String> sides() {
        return java.util.stream.Stream.of(ours, theirs).filter(Objects::nonNull).toList();
    }
}
