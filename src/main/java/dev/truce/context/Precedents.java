package dev.truce.context;

import java.util.List;
import java.util.Optional;

import dev.truce.conflict.ConflictHunk;

/**
 * Earlier resolutions of this repository to learn from: the ones most like a hunk, for the model's PRECEDENTS section,
 * and a consistent habit a strategy's result must not contradict. Only resolutions older than the merge being resolved
 * are ever offered (the time order is the source's duty, see {@code dev.truce.history.PrecedentIndex}).
 */
public interface Precedents {

    /** No history to learn from. */
    Precedents NONE = new Precedents() {
        @Override
        public List<Match> find(String path, ConflictHunk hunk, int max) {
            return List.of();
        }
    };

    /**
     * An earlier resolution found for a hunk.
     *
     * @param precedent  the earlier conflict and its resolution
     * @param samePath   whether it was in the same file
     * @param similarity how alike its lines are to the hunk's, from 0 to 1 (digits ignored: a year or version
     *                   changed the same way in many files is one habit)
     */
    record Match(Precedent precedent, boolean samePath, double similarity) {

        /**
         * The order of relevance, best first: conflicts of the same file that share a line with the hunk, then by how
         * alike the lines are, then the latest merge. A conflict of the same file with nothing in common is shown
         * after alike conflicts of other files: being in the same file says little when it is about other lines.
         */
        public static final java.util.Comparator<Match> RELEVANCE = java.util.Comparator
                .comparing((Match m) -> !(m.samePath() && m.similarity() > 0))
                .thenComparing(java.util.Comparator.comparingDouble(Match::similarity).reversed())
                .thenComparing(java.util.Comparator.comparingLong((Match m) -> m.precedent().mergeTime()).reversed())
                .thenComparing(m -> m.precedent().source());
    }

    /** The earlier resolutions in the file at {@code path}, latest merge first, at most {@code max}. */
    default List<Precedent> ofFile(String path, int max) {
        return List.of();
    }

    /**
     * Why resolving the conflicts of the file at {@code path} alone would not give the file its maintainers commit, or
     * empty: in each of the latest {@value #RECENT} (at least {@value #CONSISTENT}) earlier merges where this file
     * conflicted, they also changed the text the merge had decided by itself (typically: they took one side's whole
     * file, undoing the other side's clean changes). A rule that decides only conflicts cannot follow that, in any
     * repository, so the file is left to someone who can. A merge whose committed file kept the merged text and is one
     * side's whole file is not counted either way (the other side had no clean change to keep or undo); the latest
     * merges are those that remain, among the file's latest 50 earlier conflicts.
     */
    default Optional<String> editsOutsideConflicts(String path) {
        List<Precedent> latest = ofFile(path, 50);
        java.util.Map<String, Boolean> byMerge = new java.util.LinkedHashMap<>();
        Precedent example = null;
        for (Precedent p : latest) {
            if (p.keptMergedText() && p.committedOneSide()) {
                // One side's whole file that kept the merged text: the other side had no clean change to keep or
                // undo, so this merge cannot show whether the maintainers keep such changes.
                continue;
            }
            byMerge.putIfAbsent(p.merge(), p.keptMergedText());
            if (example == null) {
                example = p;
            }
            if (byMerge.size() == RECENT) {
                break;
            }
        }
        if (byMerge.size() < CONSISTENT || byMerge.containsValue(true)) {
            return Optional.empty();
        }
        return Optional.of("in the " + byMerge.size() + " latest earlier merges where this file conflicted (one: "
                + example.source() + "), the maintainers also changed it outside the conflicts, which resolving"
                + " the conflicts alone cannot do");
    }

    /** The most relevant earlier resolutions for {@code hunk} of the file at {@code path}, best first, at most {@code max}. */
    List<Match> find(String path, ConflictHunk hunk, int max);

    /**
     * A consistent habit: earlier conflicts like this one were all resolved the same way.
     *
     * @param choice  what the maintainers did each time ({@link Precedent.Choice#OURS} or {@link Precedent.Choice#THEIRS})
     * @param count   how many earlier conflicts show it
     * @param example one of them, for the reason
     * @param samePath whether they are in the same file (otherwise: in other files, with nearly the same lines)
     */
    record Habit(Precedent.Choice choice, int count, Precedent example, boolean samePath) {

        /** "in 3 of the latest earlier merges with a conflict like this one in this file (one: abc123 pom.xml) the maintainers took ours every time". */
        public String text() {
            return "in the " + count + " latest earlier merges with a conflict like this one " + (samePath ? "in this file"
                    : "in other files") + " (one: " + example.source() + ") the maintainers " + choice.label()
                    + " every time";
        }
    }

    /**
     * How this repository consistently resolved conflicts like {@code hunk}, or empty when it did not. A habit is
     * consistent when at least {@value #CONSISTENT} earlier conflicts of the same file, each with lines at least
     * {@value #ALIKE} alike, or at least {@value #CONSISTENT_ELSEWHERE} conflicts of other files with lines at least
     * {@value #ALIKE_ELSEWHERE} alike, were all resolved the same way (all ours, or all theirs) and none of them
     * otherwise. The reason such a habit is worth following in any repository: the strategies decide from the three
     * versions alone, and maintainers who settled the same kind of conflict the same way every time are following a
     * convention the versions do not show (a receiving branch that keeps its own versions, a header that is always one
     * side's).
     */
    default Optional<Habit> habit(String path, ConflictHunk hunk) {
        if (Precedent.normalised(hunk.ours()).equals(Precedent.normalised(hunk.theirs()))) {
            return Optional.empty();
        }
        List<Match> found = find(path, hunk, 20);
        List<Match> sameFile = found.stream().filter(m -> m.samePath() && m.similarity() >= ALIKE).toList();
        Optional<Habit> habit = agreed(sameFile, CONSISTENT, true);
        if (habit.isPresent()) {
            return habit;
        }
        if (!sameFile.isEmpty()) {
            return Optional.empty(); // this file's own history disagrees with itself: no habit
        }
        return agreed(found.stream().filter(m -> !m.samePath() && m.similarity() >= ALIKE_ELSEWHERE).toList(),
                CONSISTENT_ELSEWHERE, false);
    }

    /**
     * The habit of the latest {@value #RECENT} merges among {@code matches}, when they are at least {@code atLeast}
     * and all chose the same side. Merges, not conflicts, are counted (one merge's many files are one decision), and
     * only the latest count: a convention can change.
     */
    private static Optional<Habit> agreed(List<Match> matches, int atLeast, boolean samePath) {
        List<Match> latest = matches.stream()
                .sorted(java.util.Comparator.comparingLong((Match m) -> m.precedent().mergeTime()).reversed()).toList();
        java.util.Map<String, Precedent.Choice> byMerge = new java.util.LinkedHashMap<>();
        Precedent.Choice choice = null;
        for (Match m : latest) {
            String merge = m.precedent().merge();
            Precedent.Choice c = m.precedent().choice();
            if (choice == null) {
                choice = c;
            }
            if (c != choice) {
                return Optional.empty();
            }
            byMerge.putIfAbsent(merge, c);
            if (byMerge.size() == RECENT) {
                break;
            }
        }
        if (choice == null || choice == Precedent.Choice.OTHER || byMerge.size() < atLeast) {
            return Optional.empty();
        }
        return Optional.of(new Habit(choice, byMerge.size(), latest.get(0).precedent(), samePath));
    }

    /** How many of the latest merges with alike conflicts make up a habit. */
    int RECENT = 5;

    /**
     * Why a strategy's result for {@code hunk} goes against how this repository consistently resolved conflicts like
     * it ({@link #habit}), or empty when it does not.
     */
    default Optional<String> contradiction(String path, ConflictHunk hunk, List<String> result) {
        Optional<Habit> habit = habit(path, hunk);
        if (habit.isEmpty() || Precedent.Choice.of(hunk.ours(), hunk.theirs(), result) == habit.get().choice()) {
            return Optional.empty();
        }
        return Optional.of("its result goes against this repository's history: " + habit.get().text());
    }

    /** Earlier conflicts of the same file that make a habit. */
    int CONSISTENT = 2;

    /** How alike an earlier conflict of the same file must be to count toward a habit. */
    double ALIKE = 0.5;

    /** Earlier conflicts of other files that make a habit. */
    int CONSISTENT_ELSEWHERE = 3;

    /** How alike an earlier conflict of another file must be to count toward a habit. */
    double ALIKE_ELSEWHERE = 0.8;
}
