package dev.truce.conflict;

import java.util.List;

/**
 * One region both sides changed differently. Lines keep their terminators; line numbers are
 * 1-based positions of the first line of each range in that version of the file (for an empty range,
 * the line before which it would stand).
 *
 * @param id          index of the hunk in its file, from 0
 * @param base        lines at the merge base
 * @param ours        lines on our side
 * @param theirs      lines on their side
 * @param baseLine    first line of {@code base} in the base file
 * @param oursLine    first line of {@code ours} in our file
 * @param theirsLine  first line of {@code theirs} in their file
 * @param before      merged lines right before the hunk (at most a few dozen), nearest last
 * @param after       merged lines right after the hunk (at most a few dozen), nearest first
 * @param sharedAdded how many lines both sides added identically at the hunk's edges (lines that are not the
 *                    base's), which narrowing moved out of it; above zero, the hunk lies inside text both sides
 *                    wrote, so an empty base here means "both inserted", not "neither touched it"
 */
public record ConflictHunk(int id, List<String> base, List<String> ours, List<String> theirs,
        int baseLine, int oursLine, int theirsLine, List<String> before, List<String> after, int sharedAdded)
        implements Segment {

    /** A hunk with no identical additions of both sides around it. */
    public ConflictHunk(int id, List<String> base, List<String> ours, List<String> theirs, int baseLine,
            int oursLine, int theirsLine, List<String> before, List<String> after) {
        this(id, base, ours, theirs, baseLine, oursLine, theirsLine, before, after, 0);
    }

    public ConflictHunk {
        base = List.copyOf(base);
        ours = List.copyOf(ours);
        theirs = List.copyOf(theirs);
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** The given side's lines. */
    public List<String> side(Side side) {
        return switch (side) {
            case BASE -> base;
            case OURS -> ours;
            case THEIRS -> theirs;
        };
    }

    /** The three versions a hunk has. */
    public enum Side {
        BASE, OURS, THEIRS
    }
}
