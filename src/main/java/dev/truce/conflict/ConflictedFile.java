package dev.truce.conflict;

import java.nio.charset.Charset;
import java.util.List;

/**
 * One conflicted path as the engine sees it.
 *
 * <p>For kinds with hunks, {@link #segments()} alternates stable text and hunks and concatenates to the
 * whole file once every hunk is decided. For other kinds (binary, modify/delete, ...) there are no
 * segments and {@link #unsupported()} says why the file is left to a human.
 *
 * @param path        path in the merged result
 * @param oldPath     for a rename, the path at the merge base; otherwise {@code null}
 * @param kind        the kind of conflict
 * @param fileType    what kind of file this is, from its name
 * @param charset     how the text was decoded; ISO-8859-1 stands for "not UTF-8, bytes kept as they are"
 * @param segments    stable text and hunks in file order
 * @param unsupported why the file has no hunks to resolve, or {@code null}
 * @param baseLines   the whole file at the merge base (empty when it had none), for strategies that must know
 *                    what the clean part of the merge removed
 */
public record ConflictedFile(String path, String oldPath, ConflictKind kind, FileType fileType, Charset charset,
        List<Segment> segments, String unsupported, List<String> baseLines) {

    public ConflictedFile {
        segments = List.copyOf(segments);
        baseLines = List.copyOf(baseLines);
    }

    /** A file Truce cannot split into hunks, with the reason shown to the user. */
    public static ConflictedFile unsupported(String path, ConflictKind kind, String reason) {
        return new ConflictedFile(path, null, kind, FileType.of(path), null, List.of(), reason, List.of());
    }

    /** The hunks of this file, in order. */
    public List<ConflictHunk> hunks() {
        return segments.stream().filter(ConflictHunk.class::isInstance).map(ConflictHunk.class::cast).toList();
    }

    /** Whether the engine may decide this file's hunks. */
    public boolean hasHunks() {
        return unsupported == null;
    }

    /** All stable lines of the file, for strategies that look at the file's conventions. */
    public List<String> stableLines() {
        return segments.stream().filter(StableText.class::isInstance)
                .flatMap(s -> ((StableText) s).lines().stream()).toList();
    }
}
