package dev.truce.engine;

import java.util.ArrayList;
import java.util.List;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.LineEndings;
import dev.truce.conflict.Segment;
import dev.truce.conflict.StableText;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.MarkerLabels;

/**
 * The cleanly merged lines of a resolved file, by their line numbers in the rendered result: where a build error
 * outside the conflicts is, and the file with a few of them changed (its stable text edited; the hunks and their
 * outcomes stay as they are).
 */
final class StableLines {

    private StableLines() {
    }

    /**
     * A few stable lines around an error.
     *
     * @param segment   the index of the stable segment in the file's segments
     * @param from      the first line of the region within that segment (0-based)
     * @param lines     the region's lines
     * @param firstLine the region's first line in the rendered file (1-based)
     * @param before    rendered lines before the region (context)
     * @param after     rendered lines after it
     */
    record Region(int segment, int from, List<String> lines, int firstLine, List<String> before, List<String> after) {
    }

    /**
     * The stable lines within {@code radius} of rendered line {@code line} (1-based), not crossing into a hunk, with
     * {@code context} rendered lines on each side; {@code null} when the line is a hunk's or past the end.
     */
    static Region around(FileResolution resolution, int line, int radius, int context) {
        List<String> rendered = LineEndings.split(resolution.render(MarkerLabels.DEFAULT));
        int pos = 1;
        List<Segment> segments = resolution.file().segments();
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            int size = segment instanceof StableText stable ? stable.lines().size()
                    : resolution.outcomes().get(((ConflictHunk) segment).id()).lines().size();
            if (line >= pos && line < pos + size) {
                if (!(segment instanceof StableText stable)) {
                    return null;
                }
                int offset = line - pos;
                int from = Math.max(0, offset - radius);
                int to = Math.min(size, offset + radius + 1);
                int first = pos + from;
                List<String> lines = List.copyOf(stable.lines().subList(from, to));
                int beforeStart = Math.max(0, first - 1 - context);
                List<String> before = List.copyOf(rendered.subList(Math.min(beforeStart, rendered.size()),
                        Math.min(first - 1, rendered.size())));
                int afterStart = Math.min(first - 1 + lines.size(), rendered.size());
                List<String> after = List.copyOf(rendered.subList(afterStart, Math.min(afterStart + context,
                        rendered.size())));
                return new Region(s, from, lines, first, before, after);
            }
            pos += size;
        }
        return null;
    }

    /** {@code resolution} with {@code region}'s lines replaced by {@code lines}. */
    static FileResolution replace(FileResolution resolution, Region region, List<String> lines) {
        ConflictedFile file = resolution.file();
        List<Segment> segments = new ArrayList<>(file.segments());
        List<String> stable = new ArrayList<>(((StableText) segments.get(region.segment())).lines());
        stable.subList(region.from(), region.from() + region.lines().size()).clear();
        stable.addAll(region.from(), lines);
        segments.set(region.segment(), new StableText(stable));
        ConflictedFile edited = new ConflictedFile(file.path(), file.oldPath(), file.kind(), file.fileType(),
                file.charset(), segments, file.unsupported(), file.baseLines());
        return new FileResolution(edited, resolution.outcomes());
    }
}
