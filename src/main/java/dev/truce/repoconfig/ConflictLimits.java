package dev.truce.repoconfig;

/**
 * How large a conflict Truce takes on; beyond it, it says so on the pull request instead.
 *
 * @param maxFiles the most conflicted files
 * @param maxHunks the most conflicting hunks over all files
 */
public record ConflictLimits(int maxFiles, int maxHunks) {

    /** 50 files, 200 hunks. */
    public static final ConflictLimits DEFAULT = new ConflictLimits(50, 200);
}
