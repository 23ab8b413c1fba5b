package dev.truce.strategy;

import java.util.List;

/** What a strategy decided about one hunk. */
public sealed interface Verdict {

    /** The one-line explanation shown to a reviewer. */
    String reason();

    /**
     * The hunk is decided.
     *
     * @param lines  the text that replaces the hunk, lines with their terminators
     * @param reason why this is right, in one line
     */
    record Resolved(List<String> lines, String reason) implements Verdict {
        public Resolved {
            lines = List.copyOf(lines);
        }
    }

    /**
     * The strategy does not decide this hunk.
     *
     * @param reason   why not
     * @param relevant whether the strategy recognised the hunk as its kind of case (worth reporting) or
     *                 simply does not apply to it
     */
    record Passed(String reason, boolean relevant) implements Verdict {
    }

    /**
     * The file must not be text-merged; its tool regenerates it (lockfiles, generated files).
     *
     * @param reason what to run or why
     */
    record Regenerate(String reason) implements Verdict {
    }

    /** A pass for a hunk the strategy has nothing to say about. */
    static Passed notApplicable(String reason) {
        return new Passed(reason, false);
    }

    /** A pass for a hunk the strategy recognised as its kind of case and looked at closely, but does not decide. */
    static Passed recognisedButPassed(String reason) {
        return new Passed(reason, true);
    }
}
