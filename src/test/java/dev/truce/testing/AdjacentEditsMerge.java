package dev.truce.testing;

/**
 * The files of a merge the learning tests replay: {@link #FILES} properties files in which both sides edited
 * adjacent lines (the receiving side released version 2.0, the merged branch turned the flag on), so every one
 * conflicts and separate-line-edits would combine both edits.
 */
public final class AdjacentEditsMerge {

    /** How many files conflict. */
    public static final int FILES = 12;

    private AdjacentEditsMerge() {
    }

    /**
     * Adds the files to the trees of the merge's base, its two sides and its result: what the maintainers committed
     * is the receiving side's lines when {@code keptOurs}, both edits otherwise.
     */
    public static void addTo(Tree base, Tree ours, Tree theirs, Tree merged, boolean keptOurs) {
        for (int i = 0; i < FILES; i++) {
            base.file(path(i), "name=m" + i + "\nversion=1.0\nflag=off\nend=1\n");
            ours.file(path(i), ours(i));
            theirs.file(path(i), "name=m" + i + "\nversion=1.0\nflag=on\nend=1\n");
            merged.file(path(i), keptOurs ? ours(i) : "name=m" + i + "\nversion=2.0\nflag=on\nend=1\n");
        }
    }

    /** The {@code i}-th file's path. */
    public static String path(int i) {
        return "module" + i + "/app.properties";
    }

    /** The {@code i}-th file on the receiving side. */
    public static String ours(int i) {
        return "name=m" + i + "\nversion=2.0\nflag=off\nend=1\n";
    }
}
