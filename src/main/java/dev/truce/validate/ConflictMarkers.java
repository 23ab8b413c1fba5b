package dev.truce.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.truce.conflict.LineEndings;

/**
 * Conflict markers in a resolved text that neither side had. A line counts as a marker when it is git's start
 * ({@code <<<<<<< }), base ({@code |||||||}) or end ({@code >>>>>>> }) marker, or a {@code =======} line between
 * a start and an end: a Markdown or reStructuredText underline of equals signs outside such a block is text.
 * Files whose sides hold marker-like lines themselves (test fixtures of a merge tool, say) keep them: the result
 * fails only for more copies of a marker line than the sides can account for.
 */
final class ConflictMarkers {

    private static final int MAX_REPORTED = 10;

    private ConflictMarkers() {
    }

    /** The marker lines of {@code file.result()} that neither side had, at most {@value #MAX_REPORTED}. */
    static List<Diagnostic> newMarkers(ResolvedFile file) {
        List<Marker> markers = markers(file.result(), true);
        if (markers.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> ours = counts(file.ours());
        Map<String, Integer> theirs = counts(file.theirs());
        Map<String, Integer> base = counts(file.base());
        Map<String, Integer> seen = new HashMap<>();
        List<Diagnostic> found = new ArrayList<>();
        for (Marker marker : markers) {
            int o = ours.getOrDefault(marker.text, 0);
            int t = theirs.getOrDefault(marker.text, 0);
            // Both sides may have added such a line (two fixtures); the base's copies are counted once.
            int allowed = Math.max(Math.max(o, t), o + t - base.getOrDefault(marker.text, 0));
            int count = seen.merge(marker.text, 1, Integer::sum);
            if (count > allowed && found.size() < MAX_REPORTED) {
                found.add(Diagnostic.error(file.path(), marker.line, "conflict marker \"" + marker.text
                        + "\" that neither side has", "markers"));
            }
        }
        return found;
    }

    private static Map<String, Integer> counts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        if (text != null) {
            // A side's "=======" counts wherever it stands, so a result that keeps an underline inside a
            // block the sides' own marker-like lines form is not failed for it.
            for (Marker marker : markers(text, false)) {
                counts.merge(marker.text, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The marker lines of a text; separators only inside a start..end block when {@code strict}. */
    static List<Marker> markers(String text, boolean strict) {
        List<Marker> out = new ArrayList<>();
        if (text.indexOf("<<<<<<<") < 0 && text.indexOf(">>>>>>>") < 0 && text.indexOf("|||||||") < 0
                && (strict || text.indexOf("=======") < 0)) {
            return out; // the common case, without splitting the text
        }
        boolean open = false;
        int number = 0;
        for (String line : LineEndings.split(text)) {
            number++;
            String content = LineEndings.content(line).stripTrailing();
            if (run(content, '<')) {
                open = true;
                out.add(new Marker(number, content));
            } else if (run(content, '>')) {
                open = false;
                out.add(new Marker(number, content));
            } else if (run(content, '|')) {
                out.add(new Marker(number, content));
            } else if ((open || !strict) && content.length() >= 7 && content.chars().allMatch(c -> c == '=')) {
                out.add(new Marker(number, content));
            }
        }
        return out;
    }

    /** Git's marker shape: seven or more of one character, then the end of the line or a space and a label. */
    private static boolean run(String content, char c) {
        int n = 0;
        while (n < content.length() && content.charAt(n) == c) {
            n++;
        }
        return n >= 7 && (n == content.length() || content.charAt(n) == ' ');
    }

    record Marker(int line, String text) {
    }
}
