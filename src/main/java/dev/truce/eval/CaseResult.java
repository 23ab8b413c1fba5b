package dev.truce.eval;

import java.util.List;

import dev.truce.llm.HunkCall;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;

/**
 * Truce's answer for one case, compared with the human's, beside the trivial baselines on the same case.
 *
 * @param evalCase     the case
 * @param resolution   what the engine decided, or {@code null} when the engine failed on the case
 * @param resolved     the full text Truce would commit, or {@code null} when it did not resolve the whole file
 * @param error        why the engine failed on the case, or {@code null}
 * @param match        how {@code resolved} compares with the human's file, or {@code null} when not resolved
 * @param hunkMatches  per hunk, how a resolved hunk compares, {@code null} for a hunk not resolved
 * @param oursHunks    baseline "every hunk from ours" ({@code git merge -X ours}) on this case
 * @param theirsHunks  baseline "every hunk from theirs" ({@code git merge -X theirs}) on this case
 * @param oursFile     whether the whole of our file is the human's ({@code git checkout --ours})
 * @param theirsFile   whether the whole of their file is the human's ({@code git checkout --theirs})
 * @param buildNanos   time spent building the conflict model
 * @param resolveNanos time spent in the strategies
 * @param humanKeptMergedText whether the human's file keeps all the text the merge decided by itself (so that
 *                     deciding hunks alone can match it); false for files without hunks
 * @param modelCalls   per hunk the model stage asked about, its tokens, latency and cost; empty without a model
 * @param unchecked    how the file the engine gave before the in-process checks compares with the human's, or
 *                     {@code null} when that was not a whole file either
 * @param rejectedBy   the checks that rejected a hunk's resolution in this file, one entry per rejection (check
 *                     names: {@code markers}, {@code syntax}, {@code imports})
 */
public record CaseResult(EvalCase evalCase, FileResolution resolution, String resolved, String error, Match match,
        List<Match> hunkMatches, Baseline oursHunks, Baseline theirsHunks, Match oursFile, Match theirsFile,
        long buildNanos, long resolveNanos, boolean humanKeptMergedText, List<HunkCall> modelCalls, Match unchecked,
        List<String> rejectedBy) {

    public CaseResult {
        hunkMatches = hunkMatches == null ? List.of() : java.util.Collections.unmodifiableList(
                new java.util.ArrayList<>(hunkMatches));
        modelCalls = modelCalls == null ? List.of() : List.copyOf(modelCalls);
        rejectedBy = rejectedBy == null ? List.of() : List.copyOf(rejectedBy);
    }

    /** A result without a model stage or checks. */
    public CaseResult(EvalCase evalCase, FileResolution resolution, String resolved, String error, Match match,
            List<Match> hunkMatches, Baseline oursHunks, Baseline theirsHunks, Match oursFile, Match theirsFile,
            long buildNanos, long resolveNanos, boolean humanKeptMergedText) {
        this(evalCase, resolution, resolved, error, match, hunkMatches, oursHunks, theirsHunks, oursFile, theirsFile,
                buildNanos, resolveNanos, humanKeptMergedText, List.of(), match, List.of());
    }

    /**
     * A baseline's answer for one case.
     *
     * @param file  how the baseline's file compares with the human's, or {@code null} when it cannot say
     * @param hunks per hunk, how the baseline's hunk compares (empty for a file without hunks)
     */
    public record Baseline(Match file, List<Match> hunks) {

        /** A baseline that has nothing to offer on this case. */
        public static final Baseline NONE = new Baseline(null, List.of());

        public Baseline {
            hunks = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(hunks));
        }
    }

    /** How a file ended up, from the most to the least useful. */
    public enum FileStatus {
        /** Resolved and the human's file byte for byte. */
        EXACT("resolved, exact match"),
        /** Resolved and the human's file after normalisation. */
        NORMALISED("resolved, normalised match"),
        /** Resolved, but not what the human committed. */
        DIFFERENT("resolved, different"),
        /** At least one hunk left for the model stage or a human. */
        UNRESOLVED("not resolved"),
        /** Left to the file's tool (lockfiles, generated files). */
        REGENERATE("regenerate"),
        /** The engine failed on the case. */
        ERROR("engine error");

        private final String label;

        FileStatus(String label) {
            this.label = label;
        }

        /** The label used in the report. */
        public String label() {
            return label;
        }
    }

    /** Whether Truce resolved the whole file. */
    public boolean isResolved() {
        return resolved != null;
    }

    /** Whether the resolved file equals the human's byte for byte. */
    public boolean exactMatch() {
        return match == Match.EXACT;
    }

    /** Whether the resolved file equals the human's after whitespace normalisation. */
    public boolean normalisedMatch() {
        return match != null && match.matchesNormalised();
    }

    /** Where this file falls in the report. */
    public FileStatus status() {
        if (error != null) {
            return FileStatus.ERROR;
        }
        if (match != null) {
            return switch (match) {
                case EXACT -> FileStatus.EXACT;
                case NORMALISED -> FileStatus.NORMALISED;
                case DIFFERENT -> FileStatus.DIFFERENT;
            };
        }
        return resolution.needsRegeneration() ? FileStatus.REGENERATE : FileStatus.UNRESOLVED;
    }

    /** The engine's outcomes per hunk; empty for an engine error or a file without hunks. */
    public List<HunkOutcome> outcomes() {
        return resolution == null ? List.of() : resolution.outcomes();
    }
}
