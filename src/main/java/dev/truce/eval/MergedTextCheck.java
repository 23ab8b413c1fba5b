package dev.truce.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.LineEndings;
import dev.truce.conflict.Segment;
import dev.truce.conflict.StableText;

/**
 * Whether the human's file keeps all the text the merge decided by itself, in order, with any text in the hunks'
 * places. Only then can a resolver that decides hunks (and nothing else) match the human; a file the human also
 * changed outside the conflict is out of reach for every such resolver. Lines are compared after trimming
 * trailing whitespace, blank lines ignored, as the normalised comparison does.
 */
public final class MergedTextCheck {

    private MergedTextCheck() {
    }

    /** Whether {@code human} consists of the file's stable text with anything in place of each hunk. */
    public static boolean keptBy(ConflictedFile file, String human) {
        if (human == null || !file.hasHunks()) {
            return false;
        }
        List<String> target = significant(LineEndings.split(human));
        int pos = 0;
        boolean afterHunk = false;
        for (Segment segment : file.segments()) {
            if (segment instanceof ConflictHunk) {
                afterHunk = true;
                continue;
            }
            List<String> run = significant(((StableText) segment).lines());
            if (run.isEmpty()) {
                continue;
            }
            int found;
            if (afterHunk) {
                // A hunk may stand for any text: find the next occurrence of the stable run.
                int at = Collections.indexOfSubList(target.subList(pos, target.size()), run);
                found = at < 0 ? -1 : pos + at;
            } else {
                found = startsAt(target, pos, run) ? pos : -1;
            }
            if (found < 0) {
                return false;
            }
            pos = found + run.size();
            afterHunk = false;
        }
        return afterHunk || pos == target.size();
    }

    private static boolean startsAt(List<String> lines, int pos, List<String> run) {
        return lines.size() - pos >= run.size() && lines.subList(pos, pos + run.size()).equals(run);
    }

    private static List<String> significant(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String s = LineEndings.content(line).stripTrailing();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
