package dev.truce.github;

/** A user's permission on a repository, as GitHub's collaborator permission API reports it. */
public enum Permission {
    ADMIN, MAINTAIN, WRITE, TRIAGE, READ, NONE;

    /** Whether the user may push, and so may ask Truce to act. */
    public boolean canTrigger() {
        return this == ADMIN || this == MAINTAIN || this == WRITE;
    }
}
