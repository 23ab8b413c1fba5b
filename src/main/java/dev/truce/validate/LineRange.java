package dev.truce.validate;

/**
 * Lines {@code first} to {@code last} of a text, 1-based and inclusive. A range with {@code last == first - 1}
 * is empty: a resolved region that left no lines (both sides deleted the text, say) sits before line
 * {@code first}.
 *
 * @param first the first line, 1-based
 * @param last  the last line, at least {@code first - 1}
 */
public record LineRange(int first, int last) {

    public LineRange {
        if (first < 1 || last < first - 1) {
            throw new IllegalArgumentException("not a line range: " + first + ".." + last);
        }
    }

    /** The range of {@code count} lines starting at {@code first}. */
    public static LineRange of(int first, int count) {
        return new LineRange(first, first + count - 1);
    }

    /** Whether the line lies in the range. */
    public boolean contains(int line) {
        return line >= first && line <= last;
    }

    /** How many lines the range holds. */
    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return size() == 1 ? "line " + first : size() == 0 ? "before line " + first : "lines " + first + "-" + last;
    }
}
