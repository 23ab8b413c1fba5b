package dev.truce.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.LineEndings;
import dev.truce.conflict.Segment;
import dev.truce.conflict.StableText;
import dev.truce.resolve.Decider;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.MarkerLabels;

/**
 * Reads back, from a file as a merge commit holds it, what each of its conflict's hunks was resolved to: the text
 * between the conflict's stable segments. That is what a repair after the repository's CI failed starts from (the
 * fix branch's commit), without asking anyone again for the hunks the CI has no complaint about.
 *
 * <p>It succeeds only when the file is exactly the stable segments with some lines in place of each hunk, that is,
 * when nobody changed a line outside the hunks since: the result renders back to the committed text, or there is no
 * result.
 */
public final class CommittedResolution {

    private CommittedResolution() {
    }

    /**
     * The resolution that renders {@code committed}, every hunk decided by {@code decider} with {@code reason}, or
     * empty when the committed text is not the conflict's stable text around some resolution.
     */
    public static Optional<FileResolution> of(ConflictedFile file, String committed, Decider decider, String reason) {
        if (!file.hasHunks()) {
            return Optional.empty();
        }
        List<String> lines = LineEndings.split(committed);
        List<Segment> segments = file.segments();
        List<List<String>> hunks = new ArrayList<>();
        if (!split(segments, 0, lines, 0, hunks, new Search())) {
            return Optional.empty();
        }
        List<HunkOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < hunks.size(); i++) {
            outcomes.add(new HunkOutcome.Resolved(i, decider, reason, hunks.get(i), null, List.of(), 0));
        }
        FileResolution resolution = new FileResolution(file, outcomes);
        // Line terminators are compared loosely while splitting; the result must still render exactly.
        return resolution.render(MarkerLabels.DEFAULT).equals(committed) ? Optional.of(resolution) : Optional.empty();
    }

    /**
     * Matches segments from {@code s} against lines from {@code at}, each hunk taking the lines up to where the rest
     * matches; {@code failed} remembers (segment, line) pairs that cannot match, so the search stays polynomial.
     */
    private static boolean split(List<Segment> segments, int s, List<String> lines, int at, List<List<String>> hunks,
            Search search) {
        if (s == segments.size()) {
            return at == lines.size();
        }
        long key = ((long) s << 32) | at;
        if (search.failed.contains(key) || ++search.steps > MAX_STEPS) {
            return false;
        }
        Segment segment = segments.get(s);
        if (segment instanceof StableText stable) {
            if (matches(stable.lines(), lines, at) && split(segments, s + 1, lines, at + stable.lines().size(), hunks,
                    search)) {
                return true;
            }
        } else if (segment instanceof ConflictHunk) {
            for (int end = at; end <= lines.size(); end++) {
                int mark = hunks.size();
                hunks.add(List.copyOf(lines.subList(at, end)));
                if (split(segments, s + 1, lines, end, hunks, search)) {
                    return true;
                }
                hunks.subList(mark, hunks.size()).clear();
            }
        }
        search.failed.add(key);
        return false;
    }

    /** A file of many identical lines could make the split search long: past this, the file needs a human. */
    static final int MAX_STEPS = 2_000_000;

    private static final class Search {
        final Set<Long> failed = new HashSet<>();
        int steps;
    }

    private static boolean matches(List<String> expected, List<String> lines, int at) {
        if (at + expected.size() > lines.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!LineEndings.content(expected.get(i)).equals(LineEndings.content(lines.get(at + i)))) {
                return false;
            }
        }
        return true;
    }
}
