package dev.truce.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.conflict.LineEndings;
import dev.truce.context.ChangeStory;
import dev.truce.context.ContextAssembler;
import dev.truce.context.Precedents;
import dev.truce.context.PromptPlan;
import dev.truce.context.PromptStyle;
import dev.truce.context.RelatedChanges;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.Decider;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;

/**
 * The model stage: runs after the deterministic strategies and asks the model about the hunks they left
 * unresolved. Files to be regenerated (lockfiles, generated files) are never sent. Every request is written to the
 * {@link PromptRecorder} when there is one; without a client the stage only records and changes nothing.
 *
 * <p>A hunk the model resolves gets strategy {@code model:<name>} and the reason "rationale (confidence c)". A hunk
 * it declines, or whose answer is rejected twice (the second request carries the parse error), or whose call
 * fails, stays {@link HunkOutcome.Status#UNRESOLVED} with strategy {@code model:<name>} and the reason, starting
 * with "declined:". The reason of a failed call or a rejected answer is plain (what kind of failure, see
 * {@link ModelException#publicReason()}), since the App posts it on the pull request; the outcome's detail has
 * the full text (endpoint, provider error, budget amounts, the parse errors) for the log and the command line.
 * With a {@link Deadline}, the hunks not asked about before it passed stay unresolved with its
 * reason, "needs a human: took too long (...)", and no decider.
 */
public final class ModelStage {

    /** The public reason when neither the answer nor the retry could be used. */
    static final String NO_USABLE_ANSWER = "the model gave no usable answer (twice)";

    private final ModelClient client;
    private final PromptRecorder recorder;
    private final PromptStyle style;
    private final ContextAssembler assembler;
    private final CostModel cost;
    private final AnswerParser parser = new AnswerParser();

    /**
     * A stage.
     *
     * @param client   the model, or {@code null} to only record prompts
     * @param recorder where to write each request, or {@code null}
     * @param style    context or naive prompts
     * @param budget   the per-request limits
     * @param cost     prices of the model
     */
    public ModelStage(ModelClient client, PromptRecorder recorder, PromptStyle style, ContextAssembler.TokenBudget budget,
            CostModel cost) {
        this.client = client;
        this.recorder = recorder;
        this.style = style;
        this.assembler = new ContextAssembler(SystemPrompt.text(), budget);
        this.cost = cost;
    }

    /**
     * A stage with the client's own budget ({@link ModelClient#maxInputTokens()}, the default for 0) and prices
     * ({@link ModelClient#costModel()}).
     */
    public ModelStage(ModelClient client, PromptRecorder recorder, PromptStyle style) {
        this(client, recorder, style, ContextAssembler.TokenBudget.forModel(client == null ? 0 : client.maxInputTokens()),
                client == null ? CostModel.UNKNOWN : client.costModel());
    }

    /**
     * The result for one file.
     *
     * @param resolution the outcomes after the model stage
     * @param calls      per hunk sent to the model, what it cost
     */
    public record Result(FileResolution resolution, List<HunkCall> calls) {
        public Result {
            calls = List.copyOf(calls);
        }
    }

    /** The strategy name the model's outcomes carry. */
    public String strategyName() {
        return decider().label();
    }

    /** Asks the model about the hunks {@code resolution} left unresolved, with related changes of this file only. */
    public Result apply(FileResolution resolution, FileVersions versions, ChangeStory story) {
        return apply(resolution, versions, story, RelatedChanges.Elsewhere.NONE);
    }

    /**
     * Asks the model about the hunks {@code resolution} left unresolved; {@code elsewhere} holds what each side
     * changed in the merge's other files, searched for related changes.
     */
    public Result apply(FileResolution resolution, FileVersions versions, ChangeStory story,
            RelatedChanges.Elsewhere elsewhere) {
        return apply(resolution, versions, story, elsewhere, Deadline.NONE);
    }

    /**
     * Asks the model about the hunks {@code resolution} left unresolved, as {@link #apply(FileResolution,
     * FileVersions, ChangeStory, RelatedChanges.Elsewhere)} does, until {@code deadline} passes: it is checked before
     * the context is assembled and before each request, and once it has passed no more requests are made; the hunks
     * not asked about stay unresolved with the deadline's reason ({@link Deadline#reason()}).
     */
    public Result apply(FileResolution resolution, FileVersions versions, ChangeStory story,
            RelatedChanges.Elsewhere elsewhere, Deadline deadline) {
        return apply(resolution, versions, story, elsewhere, Precedents.NONE, deadline);
    }

    /**
     * Asks the model as {@link #apply(FileResolution, FileVersions, ChangeStory, RelatedChanges.Elsewhere, Deadline)}
     * does, showing it how the repository resolved the most similar earlier conflicts ({@code precedents}, a
     * PRECEDENTS section within the budget; see {@link ContextAssembler}).
     */
    public Result apply(FileResolution resolution, FileVersions versions, ChangeStory story,
            RelatedChanges.Elsewhere elsewhere, Precedents precedents, Deadline deadline) {
        List<Integer> open = resolution.outcomes().stream().filter(o -> o.status() == HunkOutcome.Status.UNRESOLVED)
                .map(HunkOutcome::hunkId).toList();
        return ask(resolution, versions, story, elsewhere, precedents, deadline, open, Map.of(), 0);
    }

    /**
     * What a check or the build found wrong with an answer, for a repair round.
     *
     * @param answer  the resolved lines that failed (with their terminators)
     * @param problem what is wrong, in a line or a few (a check's message, compiler errors with their lines)
     */
    public record Repair(List<String> answer, String problem) {
        public Repair {
            answer = List.copyOf(answer);
        }
    }

    /**
     * A repair round: asks the model again about the hunks in {@code repairs}, each request carrying the answer that
     * failed and what was wrong with it, the way a first request is assembled (the same context, budget, recording,
     * retry and metering). The hunks' new outcomes replace theirs in {@code resolution}; a resolved one records
     * {@code round} as its repair rounds.
     *
     * @param round which repair round this is, from 1
     */
    public Result repair(FileResolution resolution, FileVersions versions, ChangeStory story,
            RelatedChanges.Elsewhere elsewhere, Deadline deadline, Map<Integer, Repair> repairs, int round) {
        return repair(resolution, versions, story, elsewhere, Precedents.NONE, deadline, repairs, round);
    }

    /** A repair round as {@link #repair(FileResolution, FileVersions, ChangeStory, RelatedChanges.Elsewhere, Deadline, Map, int)}, with precedents. */
    public Result repair(FileResolution resolution, FileVersions versions, ChangeStory story,
            RelatedChanges.Elsewhere elsewhere, Precedents precedents, Deadline deadline, Map<Integer, Repair> repairs,
            int round) {
        if (round < 1) {
            throw new IllegalArgumentException("repair rounds count from 1, not " + round);
        }
        return ask(resolution, versions, story, elsewhere, precedents, deadline,
                repairs.keySet().stream().sorted().toList(), repairs, round);
    }

    /**
     * What the model proposes for lines outside the conflicts that the build's error points at.
     *
     * @param lines     the region's new lines (with the file's terminators), or {@code null} when it declined or
     *                  could not answer
     * @param rationale why, or why not, in a line
     * @param calls     what asking cost
     */
    public record OutsideAnswer(List<String> lines, String rationale, List<HunkCall> calls) {
        public OutsideAnswer {
            calls = List.copyOf(calls);
        }
    }

    /** Room for the answer about one outside region. */
    static final int OUTSIDE_OUTPUT_TOKENS = 2_048;

    /**
     * Asks the model to change the lines {@code region} (lines {@code firstLine}... of the merged {@code path}, which
     * no conflict holds) so that {@code problem}, a build error at them, goes away, changing nothing else; the lines
     * around are shown as context. The request goes through the recorder and is metered like every other.
     */
    public OutsideAnswer editOutside(String path, List<String> before, List<String> region, List<String> after,
            int firstLine, String problem, Deadline deadline) {
        if (client == null || deadline.expired()) {
            return new OutsideAnswer(null, deadline.expired() ? deadline.reason() : "no model", List.of());
        }
        StringBuilder content = new StringBuilder("The conflicts of this merge are resolved, but the merged result"
                + " does not build, and the error is in lines outside every conflict, which no side's change and no"
                + " resolution covers: cleanly merged code that now needs to follow a change of the other side (a"
                + " renamed or re-signatured declaration, an import that became unused). Change only the lines of"
                + " region h0 below so that the error goes away, keeping their intent; change nothing else. If the"
                + " error cannot be fixed within these lines, decline h0.\n\nFILE ").append(path).append('\n');
        quote(content, "LINES BEFORE (context, not to change)", before);
        quote(content, "REGION h0 (lines " + firstLine + "-" + (firstLine + region.size() - 1) + ", the lines you may"
                + " change)", region);
        quote(content, "LINES AFTER (context, not to change)", after);
        content.append("\nBUILD ERROR:\n").append(problem.strip()).append("\n\nAnswer h0 in the answer format,"
                + " with the region's new lines, or decline it.\n");
        ModelRequest request = new ModelRequest(SystemPrompt.text(), "", content.toString(), List.of(PromptPlan.idOf(0)),
                OUTSIDE_OUTPUT_TOKENS);
        if (recorder != null) {
            recorder.record(request);
        }
        ConflictHunk asked = new ConflictHunk(0, region, region, region, firstLine, firstLine, firstLine, before,
                after);
        try {
            ModelReply reply = client.complete(request);
            Usage usage = reply.usage() == null ? Usage.NONE : reply.usage();
            List<HunkCall> calls = List.of(new HunkCall(-1, usage, reply.latency() == null ? 0
                    : reply.latency().toMillis(), cost.estimate(usage), 1));
            HunkAnswer answer;
            try {
                answer = parse(reply, List.of(asked)).get(0);
            } catch (AnswerRejectedException e) {
                return new OutsideAnswer(null, NO_USABLE_ANSWER, calls);
            }
            if (answer instanceof HunkAnswer.Resolved r) {
                String eol = LineEndings.dominant(region.isEmpty() ? before : region);
                return new OutsideAnswer(terminated(asked, r.lines(), eol), r.rationale() + " (confidence "
                        + r.confidence() + ")", calls);
            }
            return new OutsideAnswer(null, answer instanceof HunkAnswer.Declined d ? "declined: " + d.reason()
                    : NO_USABLE_ANSWER, calls);
        } catch (ModelException e) {
            return new OutsideAnswer(null, e.publicReason(), List.of());
        }
    }

    private static void quote(StringBuilder content, String title, List<String> lines) {
        content.append('\n').append(title).append(":\n");
        for (String line : lines) {
            content.append("  | ").append(LineEndings.content(line)).append('\n');
        }
    }

    private Result ask(FileResolution resolution, FileVersions versions, ChangeStory story,
            RelatedChanges.Elsewhere elsewhere, Precedents precedents, Deadline deadline, List<Integer> open,
            Map<Integer, Repair> repairs, int round) {
        java.util.Objects.requireNonNull(deadline, "deadline");
        ConflictedFile file = resolution.file();
        if (!file.hasHunks() || resolution.needsRegeneration() || versions == null) {
            return new Result(resolution, List.of());
        }
        if (open.isEmpty()) {
            return new Result(resolution, List.of());
        }
        List<HunkOutcome> outcomes = new ArrayList<>(resolution.outcomes());
        List<HunkCall> calls = new ArrayList<>();
        if (deadline.expired()) {
            open.forEach(id -> outcomes.set(id, tooLong(id, deadline)));
            return new Result(new FileResolution(file, outcomes), calls);
        }
        for (PromptPlan plan : assembler.assemble(file, versions, story == null ? ChangeStory.NONE : story, open,
                style, elsewhere == null ? RelatedChanges.Elsewhere.NONE : elsewhere,
                precedents == null ? Precedents.NONE : precedents, deadline::expired)) {
            List<ConflictHunk> hunks = plan.hunks().stream().map(i -> file.hunks().get(i)).toList();
            if (deadline.expired() || ContextAssembler.STOPPED.equals(plan.notSent())) {
                hunks.forEach(h -> outcomes.set(h.id(), tooLong(h.id(), deadline)));
                continue;
            }
            if (plan.notSent() != null) {
                if (client != null) {
                    // Not asked: the hunks cannot be shown to the model within its budget.
                    hunks.forEach(h -> outcomes.set(h.id(), unresolved(h, HunkOutcome.Cause.DECLINED, plan.notSent(),
                            null)));
                }
                continue;
            }
            ModelRequest request = new ModelRequest(SystemPrompt.text(), plan.stablePrefix(), plan.content()
                    + repairSection(hunks, repairs), plan.hunkIds(), plan.maxOutputTokens());
            if (recorder != null) {
                recorder.record(request);
            }
            if (client != null) {
                call(file, hunks, request, outcomes, calls, round);
            }
        }
        return new Result(new FileResolution(file, outcomes), calls);
    }

    /** What failed in the previous answers for these hunks, after the request's own content; empty for a first ask. */
    private static String repairSection(List<ConflictHunk> hunks, Map<Integer, Repair> repairs) {
        StringBuilder text = new StringBuilder();
        for (ConflictHunk hunk : hunks) {
            Repair repair = repairs.get(hunk.id());
            if (repair == null) {
                continue;
            }
            text.append("\nCHECK FAILED for h").append(hunk.id()).append(": your previous answer was\n");
            for (String line : repair.answer()) {
                text.append("  | ").append(LineEndings.content(line)).append('\n');
            }
            text.append("and this is what is wrong with it:\n").append(repair.problem().strip()).append('\n')
                    .append("Answer h").append(hunk.id()).append(" again with that fixed, or decline it.\n");
        }
        return text.toString();
    }

    private void call(ConflictedFile file, List<ConflictHunk> hunks, ModelRequest request, List<HunkOutcome> outcomes,
            List<HunkCall> calls, int round) {
        Spent spent = new Spent();
        String failure;
        String detail;
        Map<Integer, HunkAnswer> answers = null;
        try {
            answers = ask(request, hunks, spent);
            failure = null;
            detail = null;
        } catch (AnswerRejectedException rejected) {
            // One retry with the error fed back; its answer is taken or the hunks are declined.
            ModelRequest retry = new ModelRequest(request.system(), request.stablePrefix(), request.content()
                    + "\nYOUR PREVIOUS ANSWER WAS REJECTED: " + rejected.getMessage() + "\nAnswer again for "
                    + String.join(", ", request.hunkIds()) + ", following the answer format exactly.\n",
                    request.hunkIds(), request.maxOutputTokens());
            if (recorder != null) {
                recorder.record(retry);
            }
            try {
                answers = ask(retry, hunks, spent);
                failure = null;
                detail = null;
            } catch (AnswerRejectedException | ModelException again) {
                // Rejections quote the model's answer: the details go to the log, the public reason stays plain.
                failure = again instanceof ModelException call ? call.publicReason() : NO_USABLE_ANSWER;
                detail = "answer rejected: " + rejected.getMessage() + "; retry: " + again.getMessage();
            }
        } catch (ModelException e) {
            failure = e.publicReason();
            detail = e.getMessage();
        }
        String eol = LineEndings.dominant(file.stableLines());
        for (ConflictHunk hunk : hunks) {
            HunkAnswer answer = answers == null ? null : answers.get(hunk.id());
            if (answer instanceof HunkAnswer.Resolved r) {
                outcomes.set(hunk.id(), new HunkOutcome.Resolved(hunk.id(), decider(),
                        r.rationale() + " (confidence " + r.confidence() + ")", terminated(hunk, r.lines(), eol), null,
                        List.of(), round));
            } else if (answer instanceof HunkAnswer.Declined d) {
                outcomes.set(hunk.id(), unresolved(hunk, HunkOutcome.Cause.DECLINED, d.reason(), null));
            } else {
                outcomes.set(hunk.id(), unresolved(hunk, HunkOutcome.Cause.FAILED, failure, detail));
            }
        }
        Usage usage = spent.usage;
        Duration latency = spent.latency;
        int requests = spent.requests;
        int n = hunks.size();
        for (int k = 0; k < n; k++) {
            Usage share = new Usage(split(usage.inputTokens(), n, k), split(usage.cachedInputTokens(), n, k),
                    split(usage.outputTokens(), n, k));
            calls.add(new HunkCall(hunks.get(k).id(), share, latency.toMillis() / n, cost.estimate(usage) / n,
                    requests));
        }
    }

    /** What the calls for one group of hunks used, counted as each reply arrives (a rejected answer still cost). */
    private static final class Spent {
        Usage usage = Usage.NONE;
        Duration latency = Duration.ZERO;
        int requests;
    }

    /** One call: counts what it used, then parses its answer. */
    private Map<Integer, HunkAnswer> ask(ModelRequest request, List<ConflictHunk> hunks, Spent spent)
            throws ModelException, AnswerRejectedException {
        ModelReply reply = client.complete(request);
        spent.requests++;
        spent.usage = spent.usage.plus(reply.usage() == null ? Usage.NONE : reply.usage());
        spent.latency = spent.latency.plus(reply.latency() == null ? Duration.ZERO : reply.latency());
        return parse(reply, hunks);
    }

    private Map<Integer, HunkAnswer> parse(ModelReply reply, List<ConflictHunk> hunks) throws AnswerRejectedException {
        if (reply.refusal() != null) {
            throw new AnswerRejectedException("the model refused: " + reply.refusal());
        }
        return parser.parse(reply.text(), reply.truncated(), hunks);
    }

    // Not the model's answer: it was not asked, so the outcome names no decider.
    private static HunkOutcome tooLong(int hunkId, Deadline deadline) {
        return new HunkOutcome.Unresolved(hunkId, Decider.NOBODY, HunkOutcome.Cause.TOO_LONG, deadline.reason(), null);
    }

    private HunkOutcome unresolved(ConflictHunk hunk, HunkOutcome.Cause cause, String reason, String detail) {
        return new HunkOutcome.Unresolved(hunk.id(), decider(), cause, "declined: " + reason, detail);
    }

    /** The model, as outcomes name it. */
    public Decider decider() {
        return new Decider.Model(client == null ? "none" : client.name());
    }

    private static long split(long total, int n, int k) {
        return total / n + (k == 0 ? total % n : 0);
    }

    /** The model's lines with the file's terminator; none after the last when the region ends the file unterminated. */
    private static List<String> terminated(ConflictHunk hunk, List<String> lines, String eol) {
        boolean endsFile = hunk.after().isEmpty() && !hunk.ours().isEmpty()
                && LineEndings.terminator(hunk.ours().get(hunk.ours().size() - 1)).isEmpty();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(endsFile && i == lines.size() - 1 ? lines.get(i) : lines.get(i) + eol);
        }
        return out;
    }
}
