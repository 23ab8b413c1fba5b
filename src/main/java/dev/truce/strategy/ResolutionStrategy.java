package dev.truce.strategy;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.context.Precedents;

/**
 * A deterministic way to decide a hunk. Implementations are precise: when not sure, they
 * {@linkplain Verdict.Passed pass} with a reason instead of guessing.
 */
public interface ResolutionStrategy {

    /** Short stable name used in reports, for example {@code version-bump}. */
    String name();

    /**
     * Whether the strategy runs only when asked for by name (or where a repository's calibration turns it on),
     * instead of in the default chain. Opt-in strategies decide by a convention people often settle differently.
     */
    default boolean optIn() {
        return false;
    }

    /**
     * Decides one hunk of a file.
     *
     * @param file the whole conflicted file, for conventions and wider context
     * @param hunk the hunk to decide
     * @return the verdict; never {@code null}
     */
    Verdict resolve(ConflictedFile file, ConflictHunk hunk);

    /**
     * Decides one hunk knowing how the repository resolved earlier conflicts ({@code precedents}, only of older
     * merges). Most strategies decide from the three versions alone, which is the default.
     */
    default Verdict resolve(ConflictedFile file, ConflictHunk hunk, Precedents precedents) {
        return resolve(file, hunk);
    }

    /**
     * Whether this strategy decides without parsing the content of lines (it compares or hashes whole lines, or reads
     * the path and a fixed header), so its work stays linear however long a line is. The resolver lets only such
     * strategies see hunks with a line over its line-length limit; the others pass those hunks. Default
     * {@code false}: a strategy that parses lines is held to the limit.
     */
    default boolean handlesLongLines() {
        return false;
    }
}
