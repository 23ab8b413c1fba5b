package dev.truce.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.jgit.lib.ObjectReader;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.context.ChangeStory;
import dev.truce.context.CommitStories;
import dev.truce.context.RelatedChanges;
import dev.truce.llm.HunkCall;
import dev.truce.llm.ModelStage;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.IndexEntry;
import dev.truce.merge.PathConflict;
import dev.truce.resolve.Decider;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.validate.Diagnostic;
import dev.truce.validate.LineRange;
import dev.truce.validate.RegionMap;

/**
 * Turns a computed merge into a resolved one, file by file ({@link FileResolver}: strategies, then the model), the
 * same way for every driver: {@code truce resolve} (two revisions, or a merge in progress), {@code truce eval --repo}
 * and the GitHub App. Like JGit's {@code Merger} behind its merge, cherry-pick and revert commands, the drivers differ
 * only in what they do with the result. Reads the repository; writes nothing.
 */
public final class MergeResolver {

    private final FileResolver files;
    private final BuildValidator build;
    private final String noBuild;
    private final boolean editCleanFiles;

    /** A resolver of merges whose files are resolved by {@code files}; nothing is built. */
    public MergeResolver(FileResolver files) {
        this(files, null, BuildReport.NONE.notRun());
    }

    /**
     * A resolver that also builds each merge it resolved completely, repairing what the build finds in the hunks
     * (through {@code files}' model and repair rounds).
     *
     * @param build   the build, or {@code null} for none
     * @param noBuild why there is no build, for reports, when {@code build} is {@code null}
     */
    public MergeResolver(FileResolver files, BuildValidator build, String noBuild) {
        this(files, build, noBuild, true);
    }

    /**
     * As {@link #MergeResolver(FileResolver, BuildValidator, String)}; with {@code editCleanFiles} false, a build
     * error in a file without conflicts is left to a human, for a driver that writes only the conflicted files (a
     * merge in progress in a work tree).
     */
    public MergeResolver(FileResolver files, BuildValidator build, String noBuild, boolean editCleanFiles) {
        this.files = files;
        this.build = build;
        this.noBuild = noBuild;
        this.editCleanFiles = editCleanFiles;
    }

    /**
     * Resolves every conflicted file of {@code merge} that {@code request} does not leave to a human.
     *
     * @throws IOException when a version of a file cannot be read from the repository
     */
    public ResolvedMerge resolve(ComputedMerge merge, MergeRequest request) throws IOException {
        return eachFile(merge, request, conflict -> !request.ignored().contains(conflict.path()),
                (i, conflict, inputs) -> files.resolve(conflict.file(), inputs, request.fileDeadline()));
    }

    /**
     * Repairs a resolution that was committed and then failed a check outside Truce (the repository's CI): the
     * {@code diagnostics} that fall in resolved hunks go to the model as a repair round ({@code files}' model and
     * rounds), the hunks nothing points at stay as they were, and the result is built when this resolver builds.
     *
     * @param committed   one complete resolution per conflict of {@code merge}, as committed
     * @param diagnostics what the checks reported, paths relative to the repository's root
     * @return the repaired merge, or {@code null} when no diagnostic falls in a resolved hunk (the failure is
     *         elsewhere: a human's)
     * @throws IOException when a version of a file cannot be read
     */
    public ResolvedMerge repair(ComputedMerge merge, MergeRequest request, List<FileResolution> committed,
            List<Diagnostic> diagnostics) throws IOException {
        List<PathConflict> conflicts = merge.conflicts();
        Map<String, List<LineRange>> regions = new LinkedHashMap<>();
        Map<String, List<Integer>> hunkIds = new LinkedHashMap<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < conflicts.size(); i++) {
            FileResolution resolution = committed.get(i);
            index.put(conflicts.get(i).path(), i);
            if (resolution.file().hasHunks() && !resolution.outcomes().isEmpty()) {
                Map<Integer, LineRange> byHunk = FileResolver.regions(resolution);
                regions.put(conflicts.get(i).path(), List.copyOf(byHunk.values()));
                hunkIds.put(conflicts.get(i).path(), List.copyOf(byHunk.keySet()));
            }
        }
        RegionMap map = new RegionMap(regions);
        Map<Integer, Map<Integer, String>> byFile = new LinkedHashMap<>();
        for (Diagnostic d : diagnostics) {
            RegionMap.Placement placement = map.place(d);
            if (!placement.insideConflicts() || !index.containsKey(d.path())) {
                continue;
            }
            int hunk = hunkIds.get(d.path()).get(placement.region());
            byFile.computeIfAbsent(index.get(d.path()), k -> new LinkedHashMap<>()).merge(hunk, (d.source() == null
                    ? "" : d.source() + ": ") + d.path() + ":" + d.line() + ": " + d.message(),
                    (a, b) -> a.length() >= MAX_PROBLEM_CHARS ? a : a + "\n" + b);
        }
        if (byFile.isEmpty()) {
            return null;
        }
        return eachFile(merge, request, conflict -> true, (i, conflict, inputs) -> {
            FileResolution resolution = committed.get(i);
            FileResolver.Result asCommitted = new FileResolver.Result(resolution, List.of(), resolution, List.of(), 0);
            Map<Integer, String> problems = byFile.get(i);
            return problems == null ? asCommitted
                    : files.repair(asCommitted, inputs, problems, HunkOutcome.Cause.BUILD_FAILED,
                            request.fileDeadline());
        });
    }

    /** One file's result from its conflict (the {@code index}-th of the merge) and its inputs. */
    private interface FileStep {
        FileResolver.Result result(int index, PathConflict conflict, FileInputs inputs);
    }

    /**
     * {@code step} on each conflicted file that {@code taken} accepts (the others get no result here), with its
     * inputs read through one reader, then the merge finished as those results stand.
     */
    private ResolvedMerge eachFile(ComputedMerge merge, MergeRequest request, Predicate<PathConflict> taken,
            FileStep step) throws IOException {
        List<PathConflict> conflicts = merge.conflicts();
        FileResolver.Result[] results = new FileResolver.Result[conflicts.size()];
        FileInputs[] inputs = new FileInputs[conflicts.size()];
        Lazy<RelatedChanges.Elsewhere> elsewhere = new Lazy<>(() -> elsewhere(merge));
        try (ObjectReader reader = merge.objects().newReader()) {
            for (int i = 0; i < conflicts.size(); i++) {
                PathConflict conflict = conflicts.get(i);
                if (taken.test(conflict)) {
                    inputs[i] = inputs(reader, merge, conflict, request, elsewhere);
                    results[i] = step.result(i, conflict, inputs[i]);
                }
            }
            return finish(merge, request, results, inputs);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The merge as its files' results stand, built (and repaired) when this resolver builds. */
    private ResolvedMerge finish(ComputedMerge merge, MergeRequest request, FileResolver.Result[] results,
            FileInputs[] inputs) throws IOException {
        ResolvedMerge resolved = assemble(merge, request, results);
        if (build == null) {
            return resolved.withBuild(BuildReport.notRun(noBuild));
        }
        return built(merge, request, results, inputs, resolved);
    }

    /**
     * Builds a completely resolved merge; while the build fails in resolved hunks and repair rounds are left, repairs
     * those hunks (the model gets the compiler's errors) and builds again.
     */
    private ResolvedMerge built(ComputedMerge merge, MergeRequest request, FileResolver.Result[] results,
            FileInputs[] inputs, ResolvedMerge resolved) throws IOException {
        List<BuildValidation> rounds = new ArrayList<>();
        List<OutsideEdit> edits = new ArrayList<>(resolved.outsideEdits());
        Map<String, FileResolution> edited = new LinkedHashMap<>();
        resolved.editedFiles().forEach(f -> edited.put(f.file().path(), f));
        List<HunkCall> cleanFileCalls = new ArrayList<>(); // no conflicted file's result holds these
        ResolvedMerge current = resolved;
        int outsideRounds = 0;
        while (current.allResolved() && !request.deadline().expired()) {
            BuildValidation validation = build.validate(merge, current.treeResolutions());
            rounds.add(validation);
            if (validation.passed()) {
                return markBuilt(current).withBuild(new BuildReport(rounds, null));
            }
            Map<Integer, Map<Integer, String>> byFile = problemsByFile(merge, validation);
            List<OutsideEdit> made = List.of();
            // Lines outside the conflicts are new code by definition: not where a repository asks a human for that.
            if (files.model() != null && outsideRounds < files.repairRounds() && !request.newCodeNeedsHuman()) {
                made = editOutside(merge, results, edited, cleanFileCalls, validation, request);
                outsideRounds++;
            }
            if (byFile.isEmpty() && made.isEmpty()) {
                break; // nothing a hunk explains and nothing changed outside: a human's, the report says why
            }
            for (Map.Entry<Integer, Map<Integer, String>> file : byFile.entrySet()) {
                int i = file.getKey();
                results[i] = files.repair(results[i], inputs[i], file.getValue(), HunkOutcome.Cause.BUILD_FAILED,
                        request.fileDeadline());
            }
            edits.addAll(made);
            ResolvedMerge assembled = assemble(merge, request, results);
            List<HunkCall> calls = new ArrayList<>(assembled.modelCalls());
            calls.addAll(cleanFileCalls);
            current = new ResolvedMerge(merge, assembled.resolutions(), assembled.ignored(), calls, assembled.build(),
                    edits, List.copyOf(edited.values()));
        }
        return current.withBuild(rounds.isEmpty() ? BuildReport.notRun(request.deadline().expired()
                ? "the job ran out of time before the build" : "not every conflict was resolved")
                : new BuildReport(rounds, null));
    }

    /** The errors of one hunk passed to a repair request, at most (untrusted text from outside). */
    static final int MAX_PROBLEM_CHARS = 4_000;

    /** At most this many changes outside the conflicts per build round, and this many lines around each error. */
    static final int MAX_OUTSIDE_EDITS = 3;
    static final int OUTSIDE_RADIUS = 2;
    static final int OUTSIDE_CONTEXT = 8;

    /**
     * For errors of the failed build in cleanly merged lines of a conflicted file (not in another file: Truce writes
     * only the files it resolves), asks the model to change the few lines around each, and puts what it answered into
     * that file's stable text. Returns the changes made.
     */
    private List<OutsideEdit> editOutside(ComputedMerge merge, FileResolver.Result[] results,
            Map<String, FileResolution> edited, List<HunkCall> cleanFileCalls, BuildValidation validation,
            MergeRequest request) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < merge.conflicts().size(); i++) {
            index.put(merge.conflicts().get(i).path(), i);
        }
        List<OutsideEdit> made = new ArrayList<>();
        java.util.Set<String> asked = new java.util.HashSet<>();
        // Bottom up within each file: a change that adds or removes lines leaves the lines above it where the build
        // saw them.
        List<BuildValidation.Problem> problems = new ArrayList<>(validation.problems());
        problems.sort(java.util.Comparator.comparing((BuildValidation.Problem p) -> String.valueOf(
                p.diagnostic().path())).thenComparing(p -> -p.diagnostic().line()));
        for (BuildValidation.Problem problem : problems) {
            var d = problem.diagnostic();
            if (problem.hunk() != null || d.path() == null || d.line() <= 0 || made.size() >= MAX_OUTSIDE_EDITS
                    || !asked.add(d.path() + ":" + d.line())) {
                continue;
            }
            Integer i = index.get(d.path());
            if (i == null) {
                if (editCleanFiles) {
                    OutsideEdit edit = editCleanFile(merge, edited, cleanFileCalls, d, validation, request);
                    if (edit != null) {
                        made.add(edit);
                    }
                }
                continue;
            }
            if (results[i] == null) {
                continue;
            }
            FileResolution resolution = results[i].resolution();
            if (!resolution.isFullyResolved() || resolution.needsRegeneration()) {
                continue;
            }
            StableLines.Region region = StableLines.around(resolution, d.line(), OUTSIDE_RADIUS, OUTSIDE_CONTEXT);
            if (region == null) {
                continue; // the line is in a resolved hunk after all, or past the end
            }
            String error = validation.failure().command().display() + ": " + d;
            ModelStage.OutsideAnswer answer = files.model().editOutside(d.path(), region.before(), region.lines(),
                    region.after(), region.firstLine(), error, request.fileDeadline());
            List<HunkCall> calls = new ArrayList<>(results[i].modelCalls());
            calls.addAll(answer.calls());
            if (answer.lines() == null || answer.lines().equals(region.lines())) {
                results[i] = new FileResolver.Result(resolution, calls, results[i].unchecked(),
                        results[i].rejections(), results[i].repairRounds());
                continue;
            }
            FileResolution changed = StableLines.replace(resolution, region, answer.lines());
            results[i] = new FileResolver.Result(changed, calls, results[i].unchecked(), results[i].rejections(),
                    results[i].repairRounds());
            made.add(new OutsideEdit(d.path(), region.firstLine(), region.lines(), answer.lines(), error,
                    answer.rationale(), files.model().decider().label()));
        }
        return made;
    }

    /** A cleanly merged file larger than this is not sent to the model for a change outside the conflicts. */
    static final int MAX_CLEAN_FILE_BYTES = 1 << 20;

    /**
     * For an error in a file without conflicts: asks the model to change the few lines around it in the file as
     * merged (or as already edited), and keeps the edited file in {@code edited}. Binary, huge and unreadable files,
     * and paths the merge does not have, are left to a human.
     */
    private OutsideEdit editCleanFile(ComputedMerge merge, Map<String, FileResolution> edited,
            List<HunkCall> calls, Diagnostic d, BuildValidation validation, MergeRequest request) {
        FileResolution file = edited.get(d.path());
        if (file == null) {
            try (ObjectReader reader = merge.objects().newReader()) {
                IndexEntry entry = merge.index().merged(reader, d.path());
                if (entry == null || entry.isGitlink() || entry.isSymlink()
                        || reader.getObjectSize(entry.id(), org.eclipse.jgit.lib.Constants.OBJ_BLOB)
                                > MAX_CLEAN_FILE_BYTES) {
                    return null;
                }
                byte[] bytes = reader.open(entry.id()).getBytes();
                ConflictedFile whole = new ConflictModelBuilder().build(new FileVersions(d.path(), bytes, bytes,
                        bytes));
                if (!whole.hasHunks() || !whole.hunks().isEmpty()) {
                    return null; // binary or not text Truce can split into lines
                }
                file = new FileResolution(whole, List.of());
            } catch (IOException e) {
                return null;
            }
        }
        StableLines.Region region = StableLines.around(file, d.line(), OUTSIDE_RADIUS, OUTSIDE_CONTEXT);
        if (region == null) {
            return null;
        }
        String error = validation.failure().command().display() + ": " + d;
        ModelStage.OutsideAnswer answer = files.model().editOutside(d.path(), region.before(), region.lines(),
                region.after(), region.firstLine(), error, request.fileDeadline());
        calls.addAll(answer.calls());
        if (answer.lines() == null || answer.lines().equals(region.lines())) {
            return null;
        }
        edited.put(d.path(), StableLines.replace(file, region, answer.lines()));
        return new OutsideEdit(d.path(), region.firstLine(), region.lines(), answer.lines(), error,
                answer.rationale(), files.model().decider().label());
    }

    /** Per conflicted file (by index) and hunk id, the compiler's errors in that hunk's resolved lines. */
    private static Map<Integer, Map<Integer, String>> problemsByFile(ComputedMerge merge, BuildValidation validation) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < merge.conflicts().size(); i++) {
            index.put(merge.conflicts().get(i).path(), i);
        }
        Map<Integer, Map<Integer, String>> byFile = new LinkedHashMap<>();
        for (BuildValidation.Problem problem : validation.problems()) {
            if (problem.hunk() == null || !index.containsKey(problem.diagnostic().path())) {
                continue;
            }
            var d = problem.diagnostic();
            String line = validation.failure().command().display() + ": " + d.path() + (d.line() > 0 ? ":" + d.line()
                    : "") + ": " + d.message();
            byFile.computeIfAbsent(index.get(d.path()), k -> new LinkedHashMap<>())
                    .merge(problem.hunk(), line, (a, b) -> a + "\n" + b);
        }
        return byFile;
    }

    /** Every resolved hunk, marked as having passed the build. */
    private static ResolvedMerge markBuilt(ResolvedMerge resolved) {
        List<FileResolution> out = new ArrayList<>();
        for (FileResolution resolution : resolved.resolutions()) {
            List<HunkOutcome> outcomes = new ArrayList<>();
            for (HunkOutcome outcome : resolution.outcomes()) {
                outcomes.add(outcome instanceof HunkOutcome.Resolved r ? r.checkedBy("build") : outcome);
            }
            out.add(new FileResolution(resolution.file(), outcomes));
        }
        return new ResolvedMerge(resolved.merge(), out, resolved.ignored(), resolved.modelCalls(), resolved.build(),
                resolved.outsideEdits(), resolved.editedFiles());
    }

    /** The merge as its files' results stand, with the repository's new-code policy applied. */
    private static ResolvedMerge assemble(ComputedMerge merge, MergeRequest request, FileResolver.Result[] results) {
        List<FileResolution> resolutions = new ArrayList<>();
        List<HunkCall> calls = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                resolutions.add(ignored(merge.conflicts().get(i)));
            } else {
                resolutions.add(results[i].resolution());
                calls.addAll(results[i].modelCalls());
            }
        }
        ResolvedMerge result = new ResolvedMerge(merge, resolutions, request.ignored(), calls, BuildReport.NONE);
        return request.newCodeNeedsHuman() ? result.newCodeToHuman() : result;
    }

    private static FileResolution ignored(PathConflict conflict) {
        List<HunkOutcome> outcomes = new ArrayList<>();
        if (conflict.file().hasHunks()) {
            for (ConflictHunk hunk : conflict.file().hunks()) {
                outcomes.add(new HunkOutcome.Unresolved(hunk.id(), Decider.NOBODY, HunkOutcome.Cause.IGNORED,
                        "ignored by .github/truce.yml", null));
            }
        }
        return new FileResolution(conflict.file(), outcomes);
    }

    /** What resolving {@code conflict} may read beyond its conflict model, each on first use. */
    private static FileInputs inputs(ObjectReader reader, ComputedMerge merge, PathConflict conflict,
            MergeRequest request, Lazy<RelatedChanges.Elsewhere> elsewhere) {
        return new FileInputs(new Lazy<>(() -> versions(reader, conflict)), () -> story(merge, conflict, request),
                elsewhere, request::precedents);
    }

    /** The three versions, through the merge's overlay: a criss-cross merge's virtual base exists only there. */
    private static FileVersions versions(ObjectReader reader, PathConflict conflict) {
        try {
            return new FileVersions(conflict.path(), bytes(reader, conflict.base()), bytes(reader, conflict.ours()),
                    bytes(reader, conflict.theirs()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectReader reader, IndexEntry entry) throws IOException {
        if (entry == null || entry.isGitlink() || entry.isSymlink()) {
            return null;
        }
        return reader.open(entry.id()).getBytes();
    }

    /**
     * Why each side changed the file: the subjects of each side's own commits that touched it, and a pull request's
     * title and description for the head side. All untrusted; the prompt presents it as data.
     */
    private static ChangeStory story(ComputedMerge merge, PathConflict conflict, MergeRequest request) {
        ChangeStory history;
        try {
            history = CommitStories.of(merge.repository(), merge.ours(), merge.theirs(), conflict.path());
        } catch (IOException e) {
            // A shallow history can end before a commit; the story is a help, not a requirement.
            history = ChangeStory.NONE;
        }
        if (request.pullRequestTitle() == null && request.pullRequestBody() == null) {
            return history;
        }
        return new ChangeStory(history.ours(), history.theirs(), request.pullRequestTitle(), request.pullRequestBody());
    }

    /** What each side changed in the merge's other files; read once per merge, when a hunk first goes to the model. */
    private static RelatedChanges.Elsewhere elsewhere(ComputedMerge merge) {
        try {
            return RelatedChanges.Elsewhere.fromTrees(merge.repository(), merge.trees().base(), merge.trees().ours(),
                    merge.trees().theirs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value computed on first use. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> compute;
        private T value;

        Lazy(Supplier<T> compute) {
            this.compute = compute;
        }

        @Override
        public T get() {
            if (value == null) {
                value = compute.get();
            }
            return value;
        }
    }
}
