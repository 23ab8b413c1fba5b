package dev.truce.publish;

import org.eclipse.jgit.lib.ObjectId;

/** Names of the branches Truce owns: {@code truce/<pr-number>-<short-head-sha>}, one per pull request head. */
public final class FixBranch {

    private FixBranch() {
    }

    /** The fix branch for a pull request at a head commit. */
    public static String name(int number, ObjectId head) {
        return prefix(number) + head.abbreviate(7).name();
    }

    /** What every fix branch of a pull request starts with. */
    public static String prefix(int number) {
        return "truce/" + number + "-";
    }
}
