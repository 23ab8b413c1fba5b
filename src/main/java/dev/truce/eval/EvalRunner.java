package dev.truce.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import dev.truce.conflict.ConflictHunk.Side;
import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.context.Precedents;
import dev.truce.engine.FileInputs;
import dev.truce.engine.FileResolver;
import dev.truce.llm.ModelStage;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.MarkerLabels;
import dev.truce.resolve.Resolver;

/** Runs the engine over cases, one file at a time, the same way {@code truce resolve} does, and scores it. */
public final class EvalRunner {

    private final ConflictModelBuilder builder;
    private final FileResolver files;
    private final Function<EvalCase, Precedents> precedents;
    private final HunkMatcher matcher = new HunkMatcher();

    /** A runner with the default model builder and strategies. */
    public EvalRunner() {
        this(new ConflictModelBuilder(), new Resolver());
    }

    /** A runner with the given builder and resolver. */
    public EvalRunner(ConflictModelBuilder builder, Resolver resolver) {
        this(builder, resolver, null);
    }

    /** A runner whose model stage ({@code null}: none) takes what the strategies leave, with the in-process checks. */
    public EvalRunner(ConflictModelBuilder builder, Resolver resolver, ModelStage modelStage) {
        this(builder, new FileResolver(resolver, modelStage));
    }

    /** A runner resolving each file the way {@code files} does (the engine's own per-file resolver). */
    public EvalRunner(ConflictModelBuilder builder, FileResolver files) {
        this(builder, files, c -> Precedents.NONE);
    }

    /**
     * A runner resolving each file the way {@code files} does, with the precedents {@code precedents} gives for each
     * case (a time split gives only those of strictly older merges).
     */
    public EvalRunner(ConflictModelBuilder builder, FileResolver files, Function<EvalCase, Precedents> precedents) {
        this.builder = builder;
        this.files = files;
        this.precedents = precedents;
    }

    /** Runs one case; a case the engine fails on becomes a result with an error, never an exception. */
    public CaseResult run(EvalCase evalCase) {
        String human = evalCase.human();
        Match oursFile = Match.ofFiles(text(evalCase.versions().ours()), human);
        Match theirsFile = Match.ofFiles(text(evalCase.versions().theirs()), human);
        long t0 = System.nanoTime();
        ConflictedFile file;
        FileResolution resolution;
        long t1;
        FileResolver.Result result;
        try {
            file = builder.build(evalCase.versions(), evalCase.kind(), null);
            t1 = System.nanoTime();
            result = files.resolve(file, FileInputs.of(evalCase.versions()).withStory(evalCase::story)
                    .withPrecedents(() -> precedents.apply(evalCase)), Deadline.NONE);
            resolution = result.resolution();
        } catch (RuntimeException | StackOverflowError e) {
            // One bad case must not end a run over a thousand: it is counted and reported instead.
            return new CaseResult(evalCase, null, null, e.getClass().getSimpleName() + ": " + e.getMessage(), null,
                    List.of(), CaseResult.Baseline.NONE, CaseResult.Baseline.NONE, oursFile, theirsFile,
                    System.nanoTime() - t0, 0, false);
        }
        long t2 = System.nanoTime();
        String resolved = resolution.resolvedText();
        Match match = resolved == null ? null : Match.ofFiles(resolved, human);
        List<Match> hunkMatches = List.of();
        CaseResult.Baseline ours;
        CaseResult.Baseline theirs;
        if (file.hasHunks()) {
            List<List<String>> decided = new ArrayList<>();
            for (HunkOutcome o : resolution.outcomes()) {
                decided.add(o.isResolved() ? o.lines() : null);
            }
            hunkMatches = matcher.compare(file, decided, human);
            ours = sideBaseline(file, Side.OURS, human);
            theirs = sideBaseline(file, Side.THEIRS, human);
        } else {
            // Without hunks, taking a side means taking (or deleting) the whole file.
            ours = new CaseResult.Baseline(oursFile, List.of());
            theirs = new CaseResult.Baseline(theirsFile, List.of());
        }
        String unchecked = result.unchecked().resolvedText();
        Match uncheckedMatch = unchecked == null ? null : unchecked.equals(resolved) ? match
                : Match.ofFiles(unchecked, human);
        List<String> rejectedBy = result.rejections().stream().map(r -> r.failure().check().label()).toList();
        return new CaseResult(evalCase, resolution, resolved, null, match, hunkMatches, ours, theirs, oursFile,
                theirsFile, t1 - t0, t2 - t1, MergedTextCheck.keptBy(file, human), result.modelCalls(), uncheckedMatch,
                rejectedBy);
    }

    /** Runs all cases in order. */
    public List<CaseResult> runAll(List<EvalCase> cases) {
        return runAll(cases, done -> { });
    }

    /** Runs all cases in order, telling {@code progress} how many are done after each. */
    public List<CaseResult> runAll(List<EvalCase> cases, IntConsumer progress) {
        List<CaseResult> results = new ArrayList<>(cases.size());
        for (EvalCase c : cases) {
            results.add(run(c));
            progress.accept(results.size());
        }
        return results;
    }

    /**
     * Runs all cases on {@code threads} threads, each with its own runner from {@code runners} so that no
     * strategy has to be thread-safe. Results stay in the order of {@code cases}.
     *
     * @param progress told how many cases are done, from any worker thread
     */
    public static List<CaseResult> runAll(List<EvalCase> cases, int threads, Supplier<EvalRunner> runners,
            IntConsumer progress) {
        if (threads <= 1) {
            return runners.get().runAll(cases, progress);
        }
        CaseResult[] results = new CaseResult[cases.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    EvalRunner runner = runners.get();
                    for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                        results[i] = runner.run(cases.get(i));
                        progress.accept(done.incrementAndGet());
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("eval interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("eval worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return Arrays.asList(results);
    }

    private CaseResult.Baseline sideBaseline(ConflictedFile file, Side side, String human) {
        List<HunkOutcome> outcomes = new ArrayList<>();
        List<List<String>> decided = new ArrayList<>();
        for (ConflictHunk hunk : file.hunks()) {
            outcomes.add(HunkOutcome.resolved(hunk.id(), "take-" + side, "baseline", hunk.side(side)));
            decided.add(hunk.side(side));
        }
        String text = new FileResolution(file, outcomes).render(MarkerLabels.DEFAULT);
        return new CaseResult.Baseline(Match.ofFiles(text, human), matcher.compare(file, decided, human));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
