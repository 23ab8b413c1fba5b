package dev.truce.engine;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.conflict.Segment;
import dev.truce.conflict.StableText;
import dev.truce.context.ChangeStory;
import dev.truce.context.RelatedChanges;
import dev.truce.llm.HunkCall;
import dev.truce.llm.ModelStage;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.Decider;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.MarkerLabels;
import dev.truce.resolve.Resolver;
import dev.truce.validate.CheckFailure;
import dev.truce.validate.FileCheckResult;
import dev.truce.validate.FileChecks;
import dev.truce.validate.LineRange;
import dev.truce.validate.ResolvedFile;

/**
 * Resolves one conflicted file: the deterministic strategies, then the model stage (when there is one) for what they
 * left, then the in-process checks of the result ({@link FileChecks}: no new conflict markers, the file still parses,
 * Java imports the compiler would accept). A check that fails demotes what produced the failing lines: a
 * strategy's hunk goes to the model with the failure as a hint, a model's hunk gets a repair round with the failure
 * fed back, at most {@code repairRounds} rounds; what still fails is declined with the check's message. Without a
 * model a failing hunk is declined at once.
 *
 * <p>What the model and the checks need beyond the file (its three versions, why each side changed, what each side
 * changed in other files) is read only when needed. Not thread-safe: one per thread.
 */
public final class FileResolver {

    /** Repair rounds per file after a failed check, by default. */
    public static final int DEFAULT_REPAIR_ROUNDS = 2;

    private final Resolver strategies;
    private final ModelStage model;
    private final FileChecks checks;
    private final int repairRounds;

    /** Strategies, the model (or {@code null}), the in-process checks, and {@link #DEFAULT_REPAIR_ROUNDS}. */
    public FileResolver(Resolver strategies, ModelStage model) {
        this(strategies, model, new FileChecks(), DEFAULT_REPAIR_ROUNDS);
    }

    /**
     * @param strategies   the strategy chain with its line-length limit
     * @param model        the model stage for what the strategies leave, or {@code null} for none
     * @param checks       the in-process checks, or {@code null} to take results unchecked (measuring only)
     * @param repairRounds how many times the model may answer again after a failed check (0: never)
     */
    public FileResolver(Resolver strategies, ModelStage model, FileChecks checks, int repairRounds) {
        if (repairRounds < 0) {
            throw new IllegalArgumentException("repair rounds must not be negative, not " + repairRounds);
        }
        this.strategies = Objects.requireNonNull(strategies, "strategies");
        this.model = model;
        this.checks = checks;
        this.repairRounds = repairRounds;
    }

    /** How many times the model may answer again after a failed check or build. */
    public int repairRounds() {
        return repairRounds;
    }

    /** The model stage, or {@code null}. */
    public ModelStage model() {
        return model;
    }

    /**
     * A check rejected a hunk's resolution.
     *
     * @param hunkId  the hunk
     * @param decider who had resolved it
     * @param failure which check, where and what
     */
    public record Rejection(int hunkId, Decider decider, CheckFailure failure) {
    }

    /**
     * The outcome for one file.
     *
     * @param resolution   every hunk's outcome
     * @param modelCalls   per hunk sent to the model, what it cost (repair rounds included)
     * @param unchecked    what the strategies and the model's first answers gave, before any check: for measuring
     *                     what the checks changed
     * @param rejections   what the checks rejected, round by round
     * @param repairRounds how many repair rounds the model was asked for, all hunks together
     */
    public record Result(FileResolution resolution, List<HunkCall> modelCalls, FileResolution unchecked,
            List<Rejection> rejections, int repairRounds) {
        public Result {
            modelCalls = List.copyOf(modelCalls);
            rejections = List.copyOf(rejections);
        }
    }

    /**
     * Resolves {@code file} before {@code deadline}.
     *
     * @param inputs what the model and the checks may read beyond the file, on first use
     */
    public Result resolve(ConflictedFile file, FileInputs inputs, Deadline deadline) {
        FileResolution resolution = guarded(strategies.resolve(file, deadline, inputs.precedents().get()), inputs);
        List<HunkCall> calls = new ArrayList<>();
        if (model != null && file.hasHunks() && !resolution.isFullyResolved() && !resolution.needsRegeneration()) {
            ModelStage.Result asked = model.apply(resolution, inputs.versions().get(), inputs.story().get(),
                    inputs.elsewhere().get(), inputs.precedents().get(), deadline);
            resolution = asked.resolution();
            calls.addAll(asked.calls());
        }
        return settle(new Result(resolution, calls, resolution, List.of(), 0), inputs, deadline, Map.of(),
                HunkOutcome.Cause.CHECK_FAILED);
    }

    /**
     * The strategies' resolution without the hunks whose result depends on a change one side made elsewhere (see
     * {@link RelatedChangeGuard}): those are left for the model, or a human, saying which change.
     */
    private static FileResolution guarded(FileResolution resolution, FileInputs inputs) {
        boolean strategyDecidedCode = resolution.file().fileType().isProgramCode()
                && resolution.outcomes().stream().anyMatch(o -> o.isResolved() && !o.byModel());
        if (!strategyDecidedCode) {
            return resolution;
        }
        Map<Integer, String> depends = RelatedChangeGuard.check(resolution, inputs.versions().get(),
                inputs.elsewhere().get());
        if (depends.isEmpty()) {
            return resolution;
        }
        List<HunkOutcome> outcomes = new ArrayList<>(resolution.outcomes());
        depends.forEach((hunk, why) -> outcomes.set(hunk, new HunkOutcome.Unresolved(hunk,
                outcomes.get(hunk).decider(), HunkOutcome.Cause.CHECK_FAILED, "not taken: "
                        + outcomes.get(hunk).strategy() + "'s result " + why, null)));
        return new FileResolution(resolution.file(), outcomes);
    }

    /**
     * Something outside this file's checks (the repository's build) found these resolved hunks wrong: each is
     * demoted, repaired by the model with the problem fed back while repair rounds are left, and checked again; what
     * cannot be repaired is declined with {@code cause} and the problem.
     *
     * @param previous the file's result so far
     * @param problems per hunk id, what is wrong with its resolution (compiler errors with their lines)
     */
    public Result repair(Result previous, FileInputs inputs, Map<Integer, String> problems, HunkOutcome.Cause cause,
            Deadline deadline) {
        return settle(previous, inputs, deadline, problems, cause);
    }

    /**
     * Demotes and repairs the hunks with {@code pending} problems, then checks the result; repeats with what the
     * checks find until it passes, nothing is left to repair, or the rounds are used up.
     */
    private Result settle(Result start, FileInputs inputs, Deadline deadline, Map<Integer, String> pending,
            HunkOutcome.Cause cause) {
        ConflictedFile file = start.resolution().file();
        FileResolution resolution = start.resolution();
        List<HunkCall> calls = new ArrayList<>(start.modelCalls());
        List<Rejection> rejections = new ArrayList<>(start.rejections());
        int rounds = start.repairRounds();
        Map<Integer, String> problems = new LinkedHashMap<>(pending);
        HunkOutcome.Cause why = cause;
        while (true) {
            if (!problems.isEmpty()) {
                boolean mayRepair = model != null && rounds < repairRounds && !deadline.expired();
                List<HunkOutcome> outcomes = new ArrayList<>(resolution.outcomes());
                Map<Integer, ModelStage.Repair> repairs = new LinkedHashMap<>();
                for (Map.Entry<Integer, String> problem : problems.entrySet()) {
                    HunkOutcome outcome = outcomes.get(problem.getKey());
                    if (mayRepair && outcome.lines() != null) {
                        String from = outcome.byModel() ? "" : "(a deterministic strategy, " + outcome.strategy()
                                + ", proposed this) ";
                        repairs.put(problem.getKey(), new ModelStage.Repair(outcome.lines(),
                                from + problem.getValue()));
                    }
                    outcomes.set(problem.getKey(), rejected(outcome, why, problem.getValue()));
                }
                resolution = new FileResolution(file, outcomes);
                if (repairs.isEmpty()) {
                    break;
                }
                rounds++;
                ModelStage.Result repaired = model.repair(resolution, inputs.versions().get(), inputs.story().get(),
                        inputs.elsewhere().get(), inputs.precedents().get(), deadline, repairs, rounds);
                resolution = repaired.resolution();
                calls.addAll(repaired.calls());
                problems.clear();
            }
            // Only a complete text can be checked; a partial one is never committed (the App) or is marked.
            if (checks == null || !resolution.isFullyResolved() || resolution.needsRegeneration()) {
                break;
            }
            FileVersions sides = inputs.versions().get();
            Map<Integer, LineRange> regions = regions(resolution);
            FileCheckResult result = checks.check(new ResolvedFile(file.path(), resolution.render(MarkerLabels.DEFAULT),
                    text(sides.base(), file.charset()), text(sides.ours(), file.charset()),
                    text(sides.theirs(), file.charset()), List.copyOf(regions.values())));
            if (result.passed()) {
                resolution = checked(resolution, result);
                break;
            }
            for (Map.Entry<Integer, List<CheckFailure>> failing : attribute(result.failures(), regions).entrySet()) {
                HunkOutcome outcome = resolution.outcomes().get(failing.getKey());
                failing.getValue().forEach(f -> rejections.add(new Rejection(failing.getKey(), outcome.decider(), f)));
                problems.put(failing.getKey(), failing.getValue().stream().map(FileResolver::describe)
                        .collect(Collectors.joining("\n")));
            }
            why = HunkOutcome.Cause.CHECK_FAILED;
        }
        return new Result(resolution, calls, start.unchecked(), rejections, rounds);
    }

    /** A resolved hunk that failed a check or the build, left for the next round or a human, saying why. */
    private static HunkOutcome rejected(HunkOutcome outcome, HunkOutcome.Cause cause, String problem) {
        if (!outcome.isResolved()) {
            return outcome;
        }
        String by = outcome.byModel() ? "the model's answer" : outcome.strategy() + "'s result";
        String what = cause == HunkOutcome.Cause.BUILD_FAILED ? "breaks the build: " : "failed the ";
        String first = problem.lines().findFirst().orElse(problem);
        return new HunkOutcome.Unresolved(outcome.hunkId(), outcome.decider(), cause, "not taken: " + by + " "
                + what + first, problem.contains("\n") ? problem : null);
    }

    private static String describe(CheckFailure failure) {
        int line = failure.diagnostic().line();
        return failure.check().label() + " check" + (line > 0 ? " at line " + line : "") + ": "
                + failure.diagnostic().message();
    }

    /**
     * Which hunk each failure is about: the one whose region holds its line; a failure outside every region (a brace
     * the file lost somewhere, a clash between an import and the stable text) is about all of them, since the
     * combination broke the file.
     */
    private static Map<Integer, List<CheckFailure>> attribute(List<CheckFailure> failures,
            Map<Integer, LineRange> regions) {
        Map<Integer, List<CheckFailure>> byHunk = new LinkedHashMap<>();
        for (CheckFailure failure : failures) {
            List<Integer> hunks = regions.entrySet().stream()
                    .filter(r -> r.getValue().contains(failure.diagnostic().line())).map(Map.Entry::getKey).toList();
            for (int hunk : hunks.isEmpty() ? List.copyOf(regions.keySet()) : hunks) {
                byHunk.computeIfAbsent(hunk, h -> new ArrayList<>()).add(failure);
            }
        }
        return byHunk;
    }

    /** Every resolved hunk of a file that passed, marked with the checks that applied. */
    private static FileResolution checked(FileResolution resolution, FileCheckResult result) {
        List<HunkOutcome> outcomes = new ArrayList<>();
        for (HunkOutcome outcome : resolution.outcomes()) {
            HunkOutcome marked = outcome;
            if (outcome instanceof HunkOutcome.Resolved r) {
                for (var check : result.applied()) {
                    r = r.checkedBy(check.label());
                }
                marked = r;
            }
            outcomes.add(marked);
        }
        return new FileResolution(resolution.file(), outcomes);
    }

    /** The lines each resolved hunk occupies in the rendered text, by hunk id. */
    static Map<Integer, LineRange> regions(FileResolution resolution) {
        Map<Integer, LineRange> regions = new LinkedHashMap<>();
        int line = 1;
        for (Segment segment : resolution.file().segments()) {
            if (segment instanceof StableText stable) {
                line += stable.lines().size();
            } else if (segment instanceof ConflictHunk hunk) {
                List<String> lines = resolution.outcomes().get(hunk.id()).lines();
                int count = lines == null ? 0 : lines.size();
                regions.put(hunk.id(), LineRange.of(line, count));
                line += count;
            }
        }
        return regions;
    }

    private static String text(byte[] bytes, Charset charset) {
        return bytes == null ? null : new String(bytes, charset);
    }
}
