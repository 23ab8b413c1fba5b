package dev.truce.engine;

import java.util.List;

/**
 * A change to cleanly merged lines, outside every conflict, that a build error asked for and the model made (a call
 * that needs the other side's new signature, an import that became unused): listed apart from the hunks, since no
 * side's change covers it.
 *
 * @param path       the file
 * @param line       the first changed line in the merged file (1-based), as it was before the change
 * @param before     the lines as they were merged
 * @param after      the lines as the model changed them
 * @param diagnostic the build error that asked for it
 * @param rationale  the model's reason
 * @param by         who made it ({@code model:<name>})
 */
public record OutsideEdit(String path, int line, List<String> before, List<String> after, String diagnostic,
        String rationale, String by) {

    public OutsideEdit {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }
}
