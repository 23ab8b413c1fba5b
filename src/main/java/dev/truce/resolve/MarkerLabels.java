package dev.truce.resolve;

/**
 * Labels written after diff3 conflict markers for hunks left unresolved.
 *
 * @param ours   label after {@code <<<<<<<}
 * @param base   label after {@code |||||||}
 * @param theirs label after {@code >>>>>>>}
 */
public record MarkerLabels(String ours, String base, String theirs) {

    /** The labels used when nothing better is known. */
    public static final MarkerLabels DEFAULT = new MarkerLabels("ours", "base", "theirs");
}
