package dev.truce.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a result is compared with the human's: exactly, and after normalising whitespace at line ends
 * (including carriage returns) and runs of blank lines (including at the start and end of the file).
 */
final class TextComparison {

    private TextComparison() {
    }

    /** Whether the texts match after normalisation. */
    public static boolean normalisedEquals(String a, String b) {
        return a != null && b != null && normalise(a).equals(normalise(b));
    }

    /** The text as compared: trailing whitespace stripped, blank-line runs collapsed to one. */
    public static String normalise(String text) {
        return String.join("\n", Normalised.of(Arrays.asList(text.split("\n", -1))).lines());
    }

    /** Lines as compared ({@link #normalise}) and, for each original line, where it went in them (for hunks). */
    record Normalised(List<String> lines, int[] keptBefore) {

        static Normalised of(List<String> original) {
            List<String> kept = new ArrayList<>();
            int[] before = new int[original.size() + 1];
            boolean blank = true; // leading blank lines are dropped
            for (int i = 0; i < original.size(); i++) {
                before[i] = kept.size();
                String stripped = original.get(i).stripTrailing();
                if (stripped.isEmpty()) {
                    if (!blank) {
                        kept.add("");
                    }
                    blank = true;
                } else {
                    kept.add(stripped);
                    blank = false;
                }
            }
            before[original.size()] = kept.size();
            // Trailing blank lines are dropped too.
            int size = kept.size();
            while (size > 0 && kept.get(size - 1).isEmpty()) {
                size--;
            }
            List<String> trimmed = kept.subList(0, size);
            for (int i = 0; i < before.length; i++) {
                before[i] = Math.min(before[i], size);
            }
            return new Normalised(trimmed, before);
        }

        /** Index in the normalised lines of the first kept line at or after original line {@code i}. */
        int toKept(int i) {
            return keptBefore[i];
        }
    }
}
