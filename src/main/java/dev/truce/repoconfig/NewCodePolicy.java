package dev.truce.repoconfig;

/**
 * What Truce does with a model's resolution that adds code found in none of the hunk's three versions (base, head,
 * base branch): {@code newCode} in {@code truce.yml}.
 */
public enum NewCodePolicy {
    /** Take it, and show the new lines in the fix pull request for review (the default). */
    REVIEW("review"),
    /** Decline the hunk: a human writes new code in this repository. */
    HUMAN("human");

    private final String key;

    NewCodePolicy(String key) {
        this.key = key;
    }

    /** The value as written in {@code truce.yml}. */
    public String key() {
        return key;
    }
}
