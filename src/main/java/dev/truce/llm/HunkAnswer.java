package dev.truce.llm;

import java.util.List;

/** What the model answered for one hunk, once parsed. */
public sealed interface HunkAnswer {

    /**
     * The model resolved the hunk.
     *
     * @param lines      the region's new lines, without terminators
     * @param confidence {@code high}, {@code medium} or {@code low}
     * @param rationale  the model's one-line reason
     */
    record Resolved(List<String> lines, String confidence, String rationale) implements HunkAnswer {
        public Resolved {
            lines = List.copyOf(lines);
        }
    }

    /**
     * The model declined the hunk.
     *
     * @param reason the model's one-line reason
     */
    record Declined(String reason) implements HunkAnswer {
    }
}
