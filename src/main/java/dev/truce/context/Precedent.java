package dev.truce.context;

import java.util.ArrayList;
import java.util.List;

import dev.truce.conflict.LineEndings;

/**
 * How this repository's maintainers resolved an earlier conflict: the conflict as base, ours and theirs, and what they
 * committed in its place. Shown to the model as an example of the repository's habits, and used to stop a strategy
 * whose result contradicts a consistent habit (see {@link Precedents#contradiction}).
 *
 * @param merge     the merge it comes from (its short id, or the case's merge id)
 * @param path      the file's path in that merge
 * @param mergeTime when that merge was committed, seconds since the epoch
 * @param base      the hunk's base lines (with terminators)
 * @param ours      its ours lines
 * @param theirs    its theirs lines
 * @param resolved  what the maintainers committed for it
 * @param keptMergedText whether the committed file kept all the text the merge had decided by itself outside the
 *                  conflicts (false: the maintainers also edited there, so resolving the conflicts alone could not give
 *                  their file)
 * @param committedOneSide whether the committed file was one side's whole file (whitespace at line ends aside): then
 *                  keeping the merged text says nothing about the other side's clean changes, for there were none kept
 *                  or undone that a side's whole file would not also show
 */
public record Precedent(String merge, String path, long mergeTime, List<String> base, List<String> ours,
        List<String> theirs, List<String> resolved, boolean keptMergedText, boolean committedOneSide) {

    public Precedent {
        base = List.copyOf(base);
        ours = List.copyOf(ours);
        theirs = List.copyOf(theirs);
        resolved = List.copyOf(resolved);
    }

    /** A precedent whose committed file was not known to be one side's whole file. */
    public Precedent(String merge, String path, long mergeTime, List<String> base, List<String> ours,
            List<String> theirs, List<String> resolved, boolean keptMergedText) {
        this(merge, path, mergeTime, base, ours, theirs, resolved, keptMergedText, false);
    }

    /** What a resolution did with the two sides of its conflict. */
    public enum Choice {
        /** It is ours, whitespace aside. */
        OURS("took ours"),
        /** It is theirs, whitespace aside. */
        THEIRS("took theirs"),
        /** Anything else: both sides combined, the base kept, new text. */
        OTHER("combined or rewrote the sides");

        private final String label;

        Choice(String label) {
            this.label = label;
        }

        /** How reports say it ("took ours"). */
        public String label() {
            return label;
        }

        /** What {@code resolved} did with {@code ours} and {@code theirs} (compared without whitespace at line ends). */
        public static Choice of(List<String> ours, List<String> theirs, List<String> resolved) {
            List<String> r = normalised(resolved);
            if (r.equals(normalised(ours))) {
                return OURS;
            }
            return r.equals(normalised(theirs)) ? THEIRS : OTHER;
        }
    }

    /** Where it comes from, for people: the merge and the path. */
    public String source() {
        return merge + " " + path;
    }

    /** What the maintainers did with the sides. */
    public Choice choice() {
        return Choice.of(ours, theirs, resolved);
    }

    /** Lines without terminators or trailing whitespace, blank lines at both ends dropped. */
    public static List<String> normalised(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(LineEndings.content(line).stripTrailing());
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
