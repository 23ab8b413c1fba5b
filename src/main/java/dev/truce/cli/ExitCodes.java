package dev.truce.cli;

/**
 * The exit codes of every {@code truce} command, in one place (README, "Exit codes"). Each command lists the ones it
 * uses in its {@code --help}, from the texts here.
 */
final class ExitCodes {

    /** The command did what it was asked: every conflict resolved, the evaluation or calibration ran. */
    static final int OK = 0;
    /** {@code resolve}: conflicts are left; nothing written unless {@code --write-partial}. */
    static final int CONFLICTS_LEFT = 1;
    /** Bad usage or input: an unknown option value, not a repository, an unreadable corpus or models file. */
    static final int INPUT = 2;
    /** An internal failure (an I/O error, a server that could not start); nothing was changed, or the error says what. */
    static final int FAILURE = 3;

    private ExitCodes() {
    }
}
