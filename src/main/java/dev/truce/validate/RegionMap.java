package dev.truce.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a diagnostic falls with respect to the conflicts a resolution decided: in which resolved region of its
 * file, or outside the conflicts (text git merged by itself, a file without conflicts, or no file at all). The
 * repair loop uses it to say which hunk an error belongs to and to spot errors in cleanly merged lines.
 */
public final class RegionMap {

    private final Map<String, List<LineRange>> regions;

    /**
     * A map of the resolved regions of each file.
     *
     * @param regionsByPath per path (relative to the repository root), the line ranges of its resolved regions
     *                      in the resolved text, in hunk order
     */
    public RegionMap(Map<String, List<LineRange>> regionsByPath) {
        Map<String, List<LineRange>> copy = new HashMap<>();
        regionsByPath.forEach((path, ranges) -> copy.put(path, List.copyOf(ranges)));
        this.regions = Map.copyOf(copy);
    }

    /** Where one diagnostic falls. */
    public Placement place(Diagnostic diagnostic) {
        List<LineRange> ranges = diagnostic.path() == null ? List.of()
                : regions.getOrDefault(diagnostic.path(), List.of());
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i).contains(diagnostic.line())) {
                return new Placement(diagnostic, i, ranges.get(i));
            }
        }
        return new Placement(diagnostic, -1, null);
    }

    /** Where each diagnostic falls, in the given order. */
    public List<Placement> placeAll(List<Diagnostic> diagnostics) {
        List<Placement> out = new ArrayList<>(diagnostics.size());
        for (Diagnostic d : diagnostics) {
            out.add(place(d));
        }
        return out;
    }

    /**
     * A diagnostic and the resolved region it falls in.
     *
     * @param diagnostic the diagnostic
     * @param region     the index of the region in its file's list (the hunk order the caller gave), or -1
     *                   when it falls outside the conflicts
     * @param range      that region's lines, or {@code null} outside the conflicts
     */
    public record Placement(Diagnostic diagnostic, int region, LineRange range) {

        /** Whether the diagnostic falls in a resolved region. */
        public boolean insideConflicts() {
            return region >= 0;
        }

        @Override
        public String toString() {
            return diagnostic + (insideConflicts() ? " [resolved region " + region + ", " + range + "]"
                    : " [outside the conflicts]");
        }
    }
}
