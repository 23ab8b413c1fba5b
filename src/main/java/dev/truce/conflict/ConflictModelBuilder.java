package dev.truce.conflict;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Builds the conflict model of one file from its three versions: a diff3 merge over JGit's histogram diff,
 * then narrows each conflict by moving lines both sides added identically at its edges out of it, as
 * git's "zealous" merge does.
 */
public final class ConflictModelBuilder {

    /** Files larger than this on any side are not merged (default 2 MiB). */
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;

    private static final int CONTEXT_LINES = 40;
    private static final int BINARY_PROBE = 8000;

    private static final DiffAlgorithm DIFF = BoundedDiff.histogram();

    private final long maxBytes;

    /** A builder with the default size limit. */
    public ConflictModelBuilder() {
        this(DEFAULT_MAX_BYTES);
    }

    /** A builder that leaves files over {@code maxBytes} to a human. */
    public ConflictModelBuilder(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Builds the model of a file whose kind follows from which sides have it. */
    public ConflictedFile build(FileVersions versions) {
        return build(versions, versions.presenceKind(), null);
    }

    /**
     * Builds the model of one file.
     *
     * @param versions the three versions
     * @param kind     the kind the merge reported (for example {@link ConflictKind#RENAME})
     * @param oldPath  the base path of a renamed file, or {@code null}
     */
    public ConflictedFile build(FileVersions versions, ConflictKind kind, String oldPath) {
        String path = versions.path();
        if (kind == ConflictKind.MODIFY_DELETE) {
            return ConflictedFile.unsupported(path, kind, "ours changed the file and theirs deleted it: keeping or"
                    + " deleting it is a decision for a human");
        }
        if (kind == ConflictKind.DELETE_MODIFY) {
            return ConflictedFile.unsupported(path, kind, "ours deleted the file and theirs changed it: keeping or"
                    + " deleting it is a decision for a human");
        }
        if (kind == ConflictKind.ONE_SIDE_ONLY) {
            return ConflictedFile.unsupported(path, kind, "only one side has this file and the merge base has none: git moved it here to make room, or suggests it"
                    + " belongs in a directory the other side renamed; where it goes is a decision for a human");
        }
        if (!kind.hasHunks()) {
            return ConflictedFile.unsupported(path, kind, kind.label() + " conflicts are left to a human");
        }
        byte[] base = versions.base() == null ? new byte[0] : versions.base();
        byte[] ours = versions.ours();
        byte[] theirs = versions.theirs();
        if (ours == null || theirs == null) {
            // A shape the caller labelled as a text conflict but that has one side only (a rename git followed on
            // one side, a path it moved): there is nothing to merge line by line.
            return ConflictedFile.unsupported(path, kind, "a " + kind.label() + " conflict where only "
                    + (ours != null ? "ours" : theirs != null ? "theirs" : "neither side") + " has the file: keeping,"
                    + " moving or deleting it is a decision for a human");
        }
        for (byte[] side : List.of(base, ours, theirs)) {
            if (side.length > maxBytes) {
                return ConflictedFile.unsupported(path, kind, "file is larger than the limit of " + maxBytes
                        + " bytes; not merged");
            }
            if (isBinary(side)) {
                return ConflictedFile.unsupported(path, ConflictKind.BINARY, "binary file: cannot be merged as text");
            }
        }
        Charset charset = isUtf8(base) && isUtf8(ours) && isUtf8(theirs)
                ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        List<String> baseLines = LineEndings.split(new String(base, charset));
        List<String> oursLines = LineEndings.split(new String(ours, charset));
        List<String> theirsLines = LineEndings.split(new String(theirs, charset));

        RawText baseText = new RawText(base);
        EditList toOurs = DIFF.diff(RawTextComparator.DEFAULT, baseText, new RawText(ours));
        EditList toTheirs = DIFF.diff(RawTextComparator.DEFAULT, baseText, new RawText(theirs));
        List<List<String>> sequences = List.of(baseLines, oursLines, theirsLines);
        List<Segment> segments = segments(diff3(toOurs, toTheirs, baseLines.size()), sequences);
        return new ConflictedFile(path, oldPath, kind, FileType.of(path), charset, segments, null, baseLines);
    }

    /**
     * Classic diff3: groups the edits of both sides whose base ranges overlap or touch. A group changed by one
     * side only is taken from that side; a group both sides changed is a conflict. Computed here rather than
     * taken from JGit's MergeAlgorithm because we need exact base ranges for every conflict.
     */
    private static List<Chunk> diff3(EditList toOurs, EditList toTheirs, int baseSize) {
        List<Chunk> chunks = new ArrayList<>();
        int i = 0;
        int j = 0;
        int basePos = 0;
        int shiftOurs = 0;
        int shiftTheirs = 0;
        while (i < toOurs.size() || j < toTheirs.size()) {
            int start;
            int end;
            boolean fromOurs = false;
            boolean fromTheirs = false;
            int groupShiftOurs = 0;
            int groupShiftTheirs = 0;
            // Seed the group with the edit that starts first, then absorb every edit that overlaps or touches it.
            if (j >= toTheirs.size() || (i < toOurs.size() && toOurs.get(i).getBeginA() <= toTheirs.get(j).getBeginA())) {
                start = toOurs.get(i).getBeginA();
            } else {
                start = toTheirs.get(j).getBeginA();
            }
            end = start;
            boolean grew = true;
            while (grew) {
                grew = false;
                while (i < toOurs.size() && toOurs.get(i).getBeginA() <= end && (toOurs.get(i).getBeginA() >= start)) {
                    Edit e = toOurs.get(i++);
                    end = Math.max(end, e.getEndA());
                    groupShiftOurs += (e.getEndB() - e.getBeginB()) - (e.getEndA() - e.getBeginA());
                    fromOurs = true;
                    grew = true;
                }
                while (j < toTheirs.size() && toTheirs.get(j).getBeginA() <= end
                        && toTheirs.get(j).getBeginA() >= start) {
                    Edit e = toTheirs.get(j++);
                    end = Math.max(end, e.getEndA());
                    groupShiftTheirs += (e.getEndB() - e.getBeginB()) - (e.getEndA() - e.getBeginA());
                    fromTheirs = true;
                    grew = true;
                }
            }
            if (start > basePos) {
                chunks.add(new Chunk(false, 0, basePos, start, 0, 0, 0, 0));
            }
            int oursBegin = start + shiftOurs;
            int theirsBegin = start + shiftTheirs;
            int oursEnd = end + shiftOurs + groupShiftOurs;
            int theirsEnd = end + shiftTheirs + groupShiftTheirs;
            if (fromOurs && fromTheirs) {
                chunks.add(new Chunk(true, 0, start, end, oursBegin, oursEnd, theirsBegin, theirsEnd));
            } else if (fromOurs) {
                chunks.add(new Chunk(false, 1, oursBegin, oursEnd, 0, 0, 0, 0));
            } else {
                chunks.add(new Chunk(false, 2, theirsBegin, theirsEnd, 0, 0, 0, 0));
            }
            shiftOurs += groupShiftOurs;
            shiftTheirs += groupShiftTheirs;
            basePos = end;
        }
        if (basePos < baseSize) {
            chunks.add(new Chunk(false, 0, basePos, baseSize, 0, 0, 0, 0));
        }
        return chunks;
    }

    private static List<Segment> segments(List<Chunk> chunks, List<List<String>> sequences) {
        // First pass: stable runs and raw conflicts, narrowed.
        List<Object> raw = new ArrayList<>();
        List<String> stable = new ArrayList<>();
        for (Chunk chunk : chunks) {
            if (!chunk.conflict()) {
                stable.addAll(sequences.get(chunk.sequence()).subList(chunk.begin(), chunk.end()));
                continue;
            }
            Range[] conflict = {new Range(chunk.begin(), chunk.end()), new Range(chunk.oursBegin(), chunk.oursEnd()),
                new Range(chunk.theirsBegin(), chunk.theirsEnd())};
            if (conflict[1].of(sequences.get(1)).equals(conflict[2].of(sequences.get(2)))) {
                stable.addAll(conflict[1].of(sequences.get(1))); // both sides made the same change
            } else {
                flushConflict(raw, stable, conflict, sequences);
            }
        }
        if (!stable.isEmpty()) {
            raw.add(new StableText(stable));
        }
        // Second pass: give every hunk its id and context.
        List<Segment> segments = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < raw.size(); i++) {
            Object o = raw.get(i);
            if (o instanceof StableText s) {
                segments.add(s);
            } else {
                Narrowed n = (Narrowed) o;
                Range[] r = n.ranges();
                List<String> before = i > 0 && raw.get(i - 1) instanceof StableText s ? tail(s.lines()) : List.of();
                List<String> after = i + 1 < raw.size() && raw.get(i + 1) instanceof StableText s
                        ? head(s.lines()) : List.of();
                segments.add(new ConflictHunk(id++, r[0].of(sequences.get(0)), r[1].of(sequences.get(1)),
                        r[2].of(sequences.get(2)), r[0].begin + 1, r[1].begin + 1, r[2].begin + 1, before, after,
                        n.sharedAdded()));
            }
        }
        return segments;
    }

    /** Narrows a conflict by its common edges, moves them to stable text, and records what is left. */
    private static void flushConflict(List<Object> raw, List<String> stable, Range[] conflict,
            List<List<String>> sequences) {
        Range base = conflict[0] == null ? new Range(0, 0) : conflict[0];
        Range ours = conflict[1];
        Range theirs = conflict[2];
        List<String> b = sequences.get(0);
        List<String> o = sequences.get(1);
        List<String> t = sequences.get(2);
        int sharedAdded = 0;
        // Common prefix of ours and theirs: identical on both sides, so merged text.
        while (ours.size() > 0 && theirs.size() > 0 && o.get(ours.begin).equals(t.get(theirs.begin))) {
            stable.add(o.get(ours.begin));
            if (base.size() > 0 && b.get(base.begin).equals(o.get(ours.begin))) {
                base = new Range(base.begin + 1, base.end);
            } else {
                sharedAdded++;
            }
            ours = new Range(ours.begin + 1, ours.end);
            theirs = new Range(theirs.begin + 1, theirs.end);
        }
        List<String> suffix = new ArrayList<>();
        while (ours.size() > 0 && theirs.size() > 0 && o.get(ours.end - 1).equals(t.get(theirs.end - 1))) {
            suffix.add(0, o.get(ours.end - 1));
            if (base.size() > 0 && b.get(base.end - 1).equals(o.get(ours.end - 1))) {
                base = new Range(base.begin, base.end - 1);
            } else {
                sharedAdded++;
            }
            ours = new Range(ours.begin, ours.end - 1);
            theirs = new Range(theirs.begin, theirs.end - 1);
        }
        if (!stable.isEmpty()) {
            raw.add(new StableText(new ArrayList<>(stable)));
            stable.clear();
        }
        raw.add(new Narrowed(new Range[] {base, ours, theirs}, sharedAdded));
        stable.addAll(suffix);
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - CONTEXT_LINES), lines.size());
    }

    private static List<String> head(List<String> lines) {
        return lines.subList(0, Math.min(CONTEXT_LINES, lines.size()));
    }

    /** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
    static boolean isBinary(byte[] bytes) {
        int n = Math.min(bytes.length, BINARY_PROBE);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A run of the merge: stable lines of one sequence, or a conflict with its three ranges. */
    private record Chunk(boolean conflict, int sequence, int begin, int end, int oursBegin, int oursEnd,
            int theirsBegin, int theirsEnd) {
    }

    /** A conflict's base, ours and theirs ranges after narrowing, and how many shared new lines it lost. */
    private record Narrowed(Range[] ranges, int sharedAdded) {
    }

    private record Range(int begin, int end) {
        int size() {
            return end - begin;
        }

        List<String> of(List<String> lines) {
            return lines.subList(begin, end);
        }
    }
}
