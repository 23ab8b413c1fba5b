package dev.truce.eval;

import dev.truce.resolve.FileResolution;

/**
 * Truce's answer for one case, compared with the human's.
 *
 * @param evalCase   the case
 * @param resolution what the engine decided, or {@code null} when the case could not be run
 * @param resolved   the full text Truce would commit, or {@code null} when it did not resolve the whole file
 * @param error      why the case could not be run, or {@code null}
 */
public record CaseResult(EvalCase evalCase, FileResolution resolution, String resolved, String error) {

    /** Whether Truce resolved the whole file. */
    public boolean isResolved() {
        return resolved != null;
    }

    /** Whether the resolved file equals the human's byte for byte. */
    public boolean exactMatch() {
        return resolved != null && resolved.equals(evalCase.human());
    }

    /** Whether the resolved file equals the human's after whitespace normalisation. */
    public boolean normalisedMatch() {
        return TextComparison.normalisedEquals(resolved, evalCase.human());
    }
}
