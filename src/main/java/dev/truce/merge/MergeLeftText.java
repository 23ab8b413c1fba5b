package dev.truce.merge;

import java.util.List;
import java.util.Optional;

import dev.truce.conflict.LineEndings;

/**
 * Reads a work-tree file the git CLI wrote with conflict markers and recovers the two sides from it: the text
 * outside conflict blocks plus each block's "ours" part gives our file, plus its "theirs" part their file. If both
 * equal the index stages, nobody has edited the file since the merge, whatever the marker style ({@code merge},
 * {@code diff3}, {@code zdiff3}) or diff algorithm git used.
 *
 * @param ours    our file as the markers describe it
 * @param theirs  their file as the markers describe it
 * @param blocks  how many conflict blocks the text has
 */
record MergeLeftText(String ours, String theirs, int blocks) {

    private enum Part { OUTSIDE, OURS, BASE, THEIRS }

    /**
     * Parses text with conflict markers; empty when the markers are not well formed (an unfinished edit).
     * Text is expected decoded byte for byte (ISO-8859-1), so that any encoding survives the comparison.
     */
    public static Optional<MergeLeftText> parse(String text) {
        StringBuilder ours = new StringBuilder();
        StringBuilder theirs = new StringBuilder();
        Part part = Part.OUTSIDE;
        int blocks = 0;
        List<String> lines = LineEndings.split(text);
        for (String line : lines) {
            String content = LineEndings.content(line);
            if (part == Part.OUTSIDE && isMarker(content, '<')) {
                part = Part.OURS;
                blocks++;
            } else if (part == Part.OURS && isMarker(content, '|')) {
                part = Part.BASE;
            } else if ((part == Part.OURS || part == Part.BASE) && content.equals("=======")) {
                part = Part.THEIRS;
            } else if (part == Part.THEIRS && isMarker(content, '>')) {
                part = Part.OUTSIDE;
            } else if (part == Part.OUTSIDE) {
                ours.append(line);
                theirs.append(line);
            } else if (part == Part.OURS) {
                ours.append(line);
            } else if (part == Part.THEIRS) {
                theirs.append(line);
            }
        }
        return part == Part.OUTSIDE ? Optional.of(new MergeLeftText(ours.toString(), theirs.toString(), blocks))
                : Optional.empty();
    }

    /** A marker line: seven of the character, then the end of the line or a space and a label. */
    private static boolean isMarker(String content, char c) {
        String marker = String.valueOf(c).repeat(7);
        return content.equals(marker) || content.startsWith(marker + " ");
    }
}
