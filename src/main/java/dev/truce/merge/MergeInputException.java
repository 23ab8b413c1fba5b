package dev.truce.merge;

/** The user asked for a merge Truce cannot start: not a repository, an unknown revision, not a commit, ... */
public class MergeInputException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An error whose message says what is wrong and what to do. */
    public MergeInputException(String message) {
        super(message);
    }

    /** An error with the underlying cause. */
    public MergeInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
