package dev.truce.eval;

/** How a resolved file or hunk compares with what the human committed. */
public enum Match {
    /** Byte for byte the same (for a hunk: no difference touches its lines). */
    EXACT("exact"),
    /** The same once whitespace at line ends and blank-line runs are normalised, but not exactly. */
    NORMALISED("normalised"),
    /** Different even after normalisation. */
    DIFFERENT("different");

    private final String label;

    Match(String label) {
        this.label = label;
    }

    /** The label used in results and summaries. */
    public String label() {
        return label;
    }

    /** Whether this counts as matching the human after normalisation (exact matches included). */
    public boolean matchesNormalised() {
        return this != DIFFERENT;
    }

    /** Compares whole files; {@code null} on either side (a deleted file) matches only {@code null}. */
    public static Match ofFiles(String candidate, String human) {
        if (candidate == null || human == null) {
            return candidate == human ? EXACT : DIFFERENT;
        }
        if (candidate.equals(human)) {
            return EXACT;
        }
        return TextComparison.normalisedEquals(candidate, human) ? NORMALISED : DIFFERENT;
    }
}
