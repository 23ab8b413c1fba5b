package dev.truce.context;

import java.util.List;

/**
 * The prompt for one group of hunks of one file, or why there is none.
 *
 * @param hunks           the hunks' indices in their file
 * @param stablePrefix    file-level context shared by the file's requests (path, language, why)
 * @param content         what is specific to this group: declaration, nearby changes, the hunks
 * @param maxOutputTokens room for the answer
 * @param trimmed         what was left out to fit the budget, in the order it was dropped
 * @param notSent         why no prompt is sent ("hunk larger than the model budget"), or {@code null}
 */
public record PromptPlan(List<Integer> hunks, String stablePrefix, String content, int maxOutputTokens,
        List<String> trimmed, String notSent) {

    public PromptPlan {
        hunks = List.copyOf(hunks);
        trimmed = List.copyOf(trimmed);
    }

    /** The id a hunk has in prompts and answers: {@code h} and its index, e.g. {@code h0}. */
    public static String idOf(int hunk) {
        return "h" + hunk;
    }

    /** The hunks' ids as the prompt names them. */
    public List<String> hunkIds() {
        return hunks.stream().map(PromptPlan::idOf).toList();
    }
}
