package dev.truce.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import dev.truce.conflict.BoundedDiff;
import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.LineEndings;
import dev.truce.conflict.Segment;
import dev.truce.conflict.StableText;

/**
 * Judges each decided hunk of a candidate file against the human's whole file.
 *
 * <p>The candidate is the file with decided hunks replaced by their text and undecided hunks kept as
 * conflict markers. It is diffed against the human's file with JGit's histogram diff, once on lines as they
 * are and once on normalised lines (trailing whitespace dropped, blank-line runs collapsed, as
 * {@link TextComparison} does). A decided hunk matches when no edit touches its line range; an insertion
 * right at either edge of the range counts as touching it, because the human may have added there what the
 * hunk's resolution left out. See {@code docs/evaluation-method.md}.
 */
final class HunkMatcher {

    private static final DiffAlgorithm DIFF = BoundedDiff.histogram();

    /**
     * Compares the decided hunks of one file with the human's file.
     *
     * @param file    the conflicted file (must have hunks)
     * @param decided for each hunk in order, its text, or {@code null} when it was not decided
     * @param human   the human's file, or {@code null} when the merge deleted it
     * @return for each hunk, how it compares, or {@code null} for an undecided hunk
     */
    public List<Match> compare(ConflictedFile file, List<List<String>> decided, String human) {
        List<String> candidate = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (Segment segment : file.segments()) {
            if (segment instanceof StableText stable) {
                candidate.addAll(stable.lines());
            } else if (segment instanceof ConflictHunk hunk) {
                List<String> text = decided.get(hunk.id());
                int start = candidate.size();
                if (text != null) {
                    candidate.addAll(text);
                } else {
                    // Marker lines are never in the human's file, so undecided hunks show up as edits.
                    candidate.add("<<<<<<<");
                    candidate.addAll(hunk.ours());
                    candidate.add("|||||||");
                    candidate.addAll(hunk.base());
                    candidate.add("=======");
                    candidate.addAll(hunk.theirs());
                    candidate.add(">>>>>>>");
                }
                ranges.add(new int[] {start, candidate.size()});
            }
        }
        List<Match> out = new ArrayList<>();
        if (human == null) {
            for (List<String> text : decided) {
                out.add(text == null ? null : Match.DIFFERENT);
            }
            return out;
        }
        List<String> humanLines = LineEndings.split(human);
        EditList exact = diff(exactLines(candidate), exactLines(humanLines));
        TextComparison.Normalised normCandidate = TextComparison.Normalised.of(candidate);
        TextComparison.Normalised normHuman = TextComparison.Normalised.of(humanLines);
        EditList normalised = diff(normCandidate.lines(), normHuman.lines());
        for (int i = 0; i < ranges.size(); i++) {
            if (decided.get(i) == null) {
                out.add(null);
                continue;
            }
            int[] r = ranges.get(i);
            if (!touched(exact, r[0], r[1])) {
                out.add(Match.EXACT);
            } else if (!touched(normalised, normCandidate.toKept(r[0]), normCandidate.toKept(r[1]))) {
                out.add(Match.NORMALISED);
            } else {
                out.add(Match.DIFFERENT);
            }
        }
        return out;
    }

    /** Whether an edit changes lines in [begin, end) of the candidate, or inserts at its edges. */
    static boolean touched(EditList edits, int begin, int end) {
        for (Edit e : edits) {
            if (e.getBeginA() == e.getEndA() || begin == end) {
                if (e.getBeginA() <= end && e.getEndA() >= begin) {
                    return true;
                }
            } else if (e.getBeginA() < end && e.getEndA() > begin) {
                return true;
            }
        }
        return false;
    }

    private static List<String> exactLines(List<String> lines) {
        // Terminators are compared too (CRLF vs LF is not an exact match); a missing final newline is not.
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
        }
        return out;
    }

    private static EditList diff(List<String> a, List<String> b) {
        return DIFF.diff(RawTextComparator.DEFAULT, raw(a), raw(b));
    }

    private static RawText raw(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return new RawText(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
