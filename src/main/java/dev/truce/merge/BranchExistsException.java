package dev.truce.merge;

/** The branch a result was to be written to already exists, and overwriting it was not asked for. */
public class BranchExistsException extends MergeInputException {

    private static final long serialVersionUID = 1L;

    /** An error naming the branch and where it points. */
    public BranchExistsException(String branch, String commitId) {
        super("branch '" + branch + "' already exists (at " + commitId + "); choose another name with --branch"
                + " or overwrite it with --force");
    }
}
