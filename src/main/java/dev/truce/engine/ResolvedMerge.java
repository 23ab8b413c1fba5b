package dev.truce.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.truce.conflict.ConflictHunk;
import dev.truce.llm.HunkCall;
import dev.truce.llm.NewCode;
import dev.truce.llm.Usage;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.PathConflict;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;

/**
 * A merge (ours first, theirs second; in the App the pull request's head and its base) with the engine's answer for
 * each conflicted file.
 *
 * @param merge       the computed merge
 * @param resolutions one per conflict of {@code merge}, in the same order
 * @param ignored     conflicted paths left to a human untouched (a repository's {@code ignore} globs)
 * @param modelCalls  what the model was asked about, hunk by hunk, and what it cost
 * @param build       whether the result was built, and how each build round went
 * @param outsideEdits changes to cleanly merged lines the build asked for (already in the resolutions' files, or in
 *                     {@code editedFiles}), in the order they were made
 * @param editedFiles  files without conflicts that such changes edited, as they are to be written (each a file of
 *                     stable text only)
 */
public record ResolvedMerge(ComputedMerge merge, List<FileResolution> resolutions, Set<String> ignored,
        List<HunkCall> modelCalls, BuildReport build, List<OutsideEdit> outsideEdits, List<FileResolution> editedFiles) {

    public ResolvedMerge {
        resolutions = List.copyOf(resolutions);
        ignored = Set.copyOf(ignored);
        modelCalls = List.copyOf(modelCalls);
        java.util.Objects.requireNonNull(build, "build");
        outsideEdits = List.copyOf(outsideEdits);
        editedFiles = List.copyOf(editedFiles);
    }

    /** A merge whose changes outside the conflicts are all in conflicted files. */
    public ResolvedMerge(ComputedMerge merge, List<FileResolution> resolutions, Set<String> ignored,
            List<HunkCall> modelCalls, BuildReport build, List<OutsideEdit> outsideEdits) {
        this(merge, resolutions, ignored, modelCalls, build, outsideEdits, List.of());
    }

    /**
     * What the merged tree is written from: the conflicts' resolutions, then the edited files without conflicts
     * ({@link dev.truce.merge.MergeCommitWriter} takes both).
     */
    public List<FileResolution> treeResolutions() {
        List<FileResolution> all = new ArrayList<>(resolutions);
        all.addAll(editedFiles);
        return all;
    }

    /** A merge without changes outside its conflicts. */
    public ResolvedMerge(ComputedMerge merge, List<FileResolution> resolutions, Set<String> ignored,
            List<HunkCall> modelCalls, BuildReport build) {
        this(merge, resolutions, ignored, modelCalls, build, List.of(), List.of());
    }

    /**
     * This merge with these changes outside its conflicts recorded: the resolutions hold those in conflicted files,
     * {@code edited} the files without conflicts they changed.
     */
    public ResolvedMerge withOutsideEdits(List<OutsideEdit> edits, List<FileResolution> edited) {
        return new ResolvedMerge(merge, resolutions, ignored, modelCalls, build, edits, edited);
    }

    /** A merge resolved without asking a model or building it. */
    public ResolvedMerge(ComputedMerge merge, List<FileResolution> resolutions, Set<String> ignored) {
        this(merge, resolutions, ignored, List.of(), BuildReport.NONE);
    }

    /** This merge with its build report. */
    public ResolvedMerge withBuild(BuildReport report) {
        return new ResolvedMerge(merge, resolutions, ignored, modelCalls, report, outsideEdits, editedFiles);
    }

    /** The tokens of every model call of this merge. */
    public Usage modelUsage() {
        Usage total = Usage.NONE;
        for (HunkCall call : modelCalls) {
            total = total.plus(call.usage());
        }
        return total;
    }

    /** The estimated dollars of every model call of this merge. */
    public double modelCost() {
        return modelCalls.stream().mapToDouble(HunkCall::cost).sum();
    }

    /** The milliseconds the model calls took, summed. */
    public long modelMillis() {
        return modelCalls.stream().mapToLong(HunkCall::latencyMillis).sum();
    }

    /**
     * Whether every conflict is resolved (so the merge commit has no markers) and, when it was built, the build
     * passed: then it can be published.
     */
    public boolean isComplete() {
        return needsHuman().isEmpty();
    }

    /** Whether every conflicted file is resolved, whatever a build said. */
    public boolean allResolved() {
        for (int i = 0; i < resolutions.size(); i++) {
            PathConflict conflict = merge.conflicts().get(i);
            if (ignored.contains(conflict.path()) || !conflict.file().hasHunks()
                    || !resolutions.get(i).isFullyResolved()) {
                return false;
            }
        }
        return true;
    }

    /** The resolved hunks, file by file. */
    public long resolvedHunks() {
        return resolutions.stream().mapToLong(FileResolution::resolvedCount).sum();
    }

    /** What a human has to decide: each unresolved hunk, or a whole file when it has no hunks or is ignored. */
    public List<NeedsHuman> needsHuman() {
        List<NeedsHuman> out = new ArrayList<>();
        for (int i = 0; i < resolutions.size(); i++) {
            PathConflict conflict = merge.conflicts().get(i);
            FileResolution resolution = resolutions.get(i);
            if (ignored.contains(conflict.path())) {
                out.add(new NeedsHuman(conflict.path(), null, null, "ignored by .github/truce.yml", null));
            } else if (!conflict.file().hasHunks()) {
                out.add(new NeedsHuman(conflict.path(), null, null, conflict.kind().label() + " conflict: "
                        + conflict.file().unsupported(), null));
            } else {
                for (ConflictHunk hunk : conflict.file().hunks()) {
                    HunkOutcome outcome = resolution.outcomes().get(hunk.id());
                    if (!outcome.isResolved()) {
                        // A model's outcome says which model declined ("`model:x` declined: why").
                        boolean byModel = outcome.byModel();
                        out.add(new NeedsHuman(conflict.path(), hunk, byModel ? outcome.strategy() : null, byModel
                                ? outcome.reason() : outcome.status().label() + ": " + outcome.reason(),
                                outcome.detail()));
                    }
                }
            }
        }
        if (build.failed() && out.isEmpty()) {
            // Every hunk resolved, but the result does not build for reasons no hunk explains.
            BuildValidation last = build.last();
            List<BuildValidation.Problem> outside = last.problems().stream().filter(p -> p.hunk() == null).toList();
            if (outside.isEmpty()) {
                out.add(new NeedsHuman("(build)", null, null, "the merged result does not build: "
                        + last.failure().summary(), null));
            }
            for (BuildValidation.Problem problem : outside.stream().limit(5).toList()) {
                var d = problem.diagnostic();
                out.add(new NeedsHuman(d.path() == null ? "(build)" : d.path(), null, null,
                        "the merged result does not build" + (d.line() > 0 ? " (line " + d.line() + ")" : "") + ": "
                                + d.message() + " (outside the conflicts)", null));
            }
        }
        return out;
    }

    /** The lines a model wrote in {@code hunk} of conflict {@code index} that none of its versions has. */
    public List<String> newCode(int index, ConflictHunk hunk) {
        return NewCode.of(hunk, resolutions.get(index).outcomes().get(hunk.id()));
    }

    /**
     * This merge with every model resolution that adds new code (see {@link NewCode}) declined, so the hunk goes to a
     * human: what a repository with {@code new-code: human} in its {@code .github/truce.yml} asks for.
     */
    public ResolvedMerge newCodeToHuman() {
        List<FileResolution> out = new ArrayList<>();
        for (int i = 0; i < resolutions.size(); i++) {
            PathConflict conflict = merge.conflicts().get(i);
            FileResolution resolution = resolutions.get(i);
            if (!conflict.file().hasHunks()) {
                out.add(resolution);
                continue;
            }
            List<HunkOutcome> outcomes = new ArrayList<>(resolution.outcomes());
            for (ConflictHunk hunk : conflict.file().hunks()) {
                HunkOutcome outcome = outcomes.get(hunk.id());
                if (!NewCode.of(hunk, outcome).isEmpty()) {
                    outcomes.set(hunk.id(), new HunkOutcome.Unresolved(hunk.id(), outcome.decider(),
                            HunkOutcome.Cause.NEW_CODE, NEW_CODE_DECLINED, null));
                }
            }
            out.add(new FileResolution(resolution.file(), outcomes));
        }
        return new ResolvedMerge(merge, out, ignored, modelCalls, build, outsideEdits, editedFiles);
    }

    /** Why a model's resolution with new code is left to a human under {@code new-code: human}. */
    public static final String NEW_CODE_DECLINED = "not taken: the model's answer adds code found in none of the three"
            + " versions, and this repository asks a human to write new code (new-code: human in .github/truce.yml)";

    /**
     * A part of the conflict left to a human.
     *
     * @param path   the file
     * @param hunk   the hunk, or {@code null} for the whole file
     * @param by     the model strategy ({@code model:<name>}) whose outcome this is, or {@code null}
     * @param reason why Truce did not decide it (untrusted text: it may quote the repository or the model)
     * @param detail the full failure for the log, never published, or {@code null}
     */
    public record NeedsHuman(String path, ConflictHunk hunk, String by, String reason, String detail) {

        /** Where it is: lines in the pull request's head and in the base, or the whole file. */
        public String where() {
            if (hunk == null) {
                return "whole file";
            }
            return "head " + range(hunk.oursLine(), hunk.ours().size()) + ", base "
                    + range(hunk.theirsLine(), hunk.theirs().size());
        }
    }

    /** Lines {@code first}–{@code last}, or the insertion point of an empty range. */
    public static String range(int first, int count) {
        if (count == 0) {
            return "before line " + first;
        }
        return count == 1 ? "line " + first : "lines " + first + "–" + (first + count - 1);
    }
}
