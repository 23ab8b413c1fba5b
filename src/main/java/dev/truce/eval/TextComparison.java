package dev.truce.eval;

import java.util.ArrayList;
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
        List<String> out = new ArrayList<>();
        boolean blank = true; // drops leading blank lines
        for (String line : text.split("\n", -1)) {
            String stripped = line.stripTrailing();
            if (stripped.isEmpty()) {
                if (!blank) {
                    out.add("");
                }
                blank = true;
            } else {
                out.add(stripped);
                blank = false;
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", out);
    }
}
