package dev.truce.strategy;

/**
 * The side of a merge whose branch the result is committed to. A merge result keeps the receiving branch's own
 * identity (its project version), whatever the other side's branch calls itself.
 *
 * <p>With {@code git merge} the receiving branch is the first parent, {@link #OURS}. When a fix commit merges a
 * pull request's base into its head and the result reaches the base through the pull request, the receiving
 * branch is the base, which may be {@link #THEIRS}.
 */
public enum ReceivingSide {
    /** The first parent receives the merge: git's convention. */
    OURS("ours", "theirs"),
    /** The second parent receives the merge, as when a PR's head merges its base and lands on the base. */
    THEIRS("theirs", "ours");

    private final String label;
    private final String otherLabel;

    ReceivingSide(String label, String otherLabel) {
        this.label = label;
        this.otherLabel = otherLabel;
    }

    /** "ours" or "theirs", as reasons name the sides. */
    public String label() {
        return label;
    }

    /** The label of the side that does not receive the merge. */
    String otherLabel() {
        return otherLabel;
    }
}
