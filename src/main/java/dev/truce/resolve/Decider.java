package dev.truce.resolve;

/**
 * Who decided a hunk, or who last looked at it and left it: a deterministic strategy, a language model, or nobody
 * (no strategy applied, the work ran out of time, the repository ignores the file).
 */
public sealed interface Decider {

    /** Nobody decided or declined the hunk. */
    Decider NOBODY = new Nobody();

    /** How reports name the decider: the strategy's name, {@code model:<name>}, or {@code null} for nobody. */
    String label();

    /** A strategy of the chain, by its stable name ({@code version-bump}). */
    record Strategy(String name) implements Decider {
        @Override
        public String label() {
            return name;
        }
    }

    /** A language model, by the name it has in the models file ({@code coder}; {@code none} when only recording). */
    record Model(String name) implements Decider {

        /** How model deciders are labelled: {@code model:<name>}. */
        public static final String PREFIX = "model:";

        @Override
        public String label() {
            return PREFIX + name;
        }
    }

    /** Nobody: see {@link #NOBODY}. */
    record Nobody() implements Decider {
        @Override
        public String label() {
            return null;
        }
    }
}
