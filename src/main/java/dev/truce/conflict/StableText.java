package dev.truce.conflict;

import java.util.List;

/**
 * Lines the three-way merge decided by itself, kept exactly as they will be written.
 *
 * @param lines lines with their terminators
 */
public record StableText(List<String> lines) implements Segment {

    public StableText {
        lines = List.copyOf(lines);
    }
}
