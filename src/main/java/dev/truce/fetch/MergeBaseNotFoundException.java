package dev.truce.fetch;

import java.io.IOException;

/**
 * The head and the base share no commit within the history Truce is willing to fetch: the branches are unrelated
 * or diverged too long ago. Fetching again does not help; the message says what the user can do.
 */
public class MergeBaseNotFoundException extends IOException {

    /** The failure with a message for the pull request's author. */
    public MergeBaseNotFoundException(String message) {
        super(message);
    }
}
