package dev.truce.repoconfig;

/** What Truce does with a conflicted pull request in a repository. */
public enum Mode {
    /** Nothing. */
    OFF("off"),
    /** A comment with the resolution (as a patch) or the hunks that need a human; never a branch or pull request. */
    COMMENT("comment"),
    /** A fix pull request into the pull request's branch, automatically (the default). */
    FIX_PR("fix-pr"),
    /** A fix pull request, only when someone with write access asks in a comment. */
    ON_REQUEST("on-request");

    private final String key;

    Mode(String key) {
        this.key = key;
    }

    /** The value as written in {@code truce.yml}. */
    public String key() {
        return key;
    }
}
