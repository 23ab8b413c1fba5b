package dev.truce.llm;

/** A model's answer broke the answer protocol; the message says how, and is fed back to the model on retry. */
public class AnswerRejectedException extends Exception {

    /** A rejection with what was wrong. */
    public AnswerRejectedException(String message) {
        super(message);
    }
}
