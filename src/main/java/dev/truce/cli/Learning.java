package dev.truce.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.context.Precedents;
import dev.truce.engine.FileResolver;
import dev.truce.eval.CaseResult;
import dev.truce.eval.EvalCase;
import dev.truce.eval.EvalRunner;
import dev.truce.history.Calibration;
import dev.truce.history.Calibrator;
import dev.truce.history.PrecedentIndex;
import dev.truce.history.RepositoryHistory;
import dev.truce.history.TimeSplit;
import dev.truce.llm.ModelStage;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.ResolutionStrategy;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code truce eval} learns from the cases themselves, repository by repository: precedents from strictly older
 * merges, and with {@code --calibrate time-split} a calibration from the older half of the merges, measured on the
 * newer half only.
 */
final class Learning {

    private final boolean timeSplit;
    private final boolean calibrate;
    private final boolean precedents;
    private final StrategyOptions strategies;
    private final ModelStage stage;
    private final Map<String, Calibration> calibrations = new LinkedHashMap<>();
    private final Map<String, Integer> precedentCounts = new LinkedHashMap<>();
    private int learnedFrom;

    Learning(boolean timeSplit, boolean calibrate, boolean precedents, StrategyOptions strategies, ModelStage stage) {
        this.timeSplit = timeSplit;
        this.calibrate = calibrate;
        this.precedents = precedents;
        this.strategies = strategies;
        this.stage = stage;
    }

    /** Runs the cases to evaluate (all, or each repository's newer half), in their order. */
    List<CaseResult> run(List<EvalCase> cases, int threads, IntConsumer progress, PrintWriter err) {
        Map<String, List<EvalCase>> byRepo = new LinkedHashMap<>();
        Map<String, List<EvalCase>> learnFrom = new LinkedHashMap<>();
        if (timeSplit) {
            TimeSplit split = TimeSplit.of(cases);
            byRepo.putAll(split.newer());
            learnFrom.putAll(split.older());
        } else {
            cases.forEach(c -> byRepo.computeIfAbsent(c.repository(), r -> new ArrayList<>()).add(c));
        }
        Set<String> with = new LinkedHashSet<>(strategies.with);
        Set<String> without = new LinkedHashSet<>(strategies.without);
        List<CaseResult> results = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        for (Map.Entry<String, List<EvalCase>> e : byRepo.entrySet()) {
            String repo = e.getKey();
            List<ResolutionStrategy> chain = strategies.chain(ReceivingSide.OURS);
            if (calibrate) {
                List<EvalCase> older = learnFrom.getOrDefault(repo, List.of());
                learnedFrom += older.size();
                Calibration calibration = new Calibrator().calibrate(repo + " (older half)", older, ReceivingSide.OURS,
                        precedents);
                calibrations.put(repo, calibration);
                chain = calibration.chain(ReceivingSide.OURS, with, without);
                err.printf("calibrated on %d files of %d older merges of %s; %d to evaluate%n", older.size(),
                        calibration.merges(), repo, e.getValue().size());
            }
            // Precedents from every case of the repository; each case sees only the strictly older ones.
            PrecedentIndex index = precedents ? RepositoryHistory.precedentsOf(cases.stream()
                    .filter(c -> c.repository().equals(repo)).toList()) : new PrecedentIndex(List.of());
            precedentCounts.put(repo, index.size());
            List<ResolutionStrategy> repoChain = chain;
            int offset = done.get();
            results.addAll(EvalRunner.runAll(e.getValue(), threads, () -> new EvalRunner(new ConflictModelBuilder(),
                    new FileResolver(new Resolver(repoChain), stage),
                    c -> precedents ? index.olderThan(c.mergeTime()) : Precedents.NONE),
                    n -> progress.accept(offset + n)));
            done.addAndGet(e.getValue().size());
        }
        if (timeSplit) {
            return results;
        }
        // Back in corpus order (cases of several repositories may be interleaved).
        Map<EvalCase, CaseResult> byCase = new java.util.IdentityHashMap<>();
        results.forEach(r -> byCase.put(r.evalCase(), r));
        return cases.stream().map(byCase::get).toList();
    }

    /** What was learned, after the report. */
    void print(PrintWriter out) {
        if (!timeSplit && !precedents) {
            return;
        }
        out.println();
        out.println("Learning from the repositories' own earlier merges");
        out.printf("precedents: %s%n", precedents ? "on (strictly older merges of the same repository)" : "off");
        precedentCounts.forEach((repo, n) -> out.printf("  %s: %d earlier resolutions%n", repo, n));
        if (timeSplit && !calibrate) {
            out.println("newer half of each repository's merges, default chain (no calibration)");
        }
        if (calibrate) {
            out.printf("calibration: time split, learned on %d older files, evaluated on the newer half%n",
                    learnedFrom);
            calibrations.forEach((repo, c) -> {
                List<String> changes = c.changes();
                out.printf("  %s: %s%n", repo, changes.isEmpty() ? "no change to the default chain"
                        : String.join("; ", changes));
            });
        }
    }

    void toJson(ObjectNode node) {
        node.put("precedents", precedents);
        node.put("timeSplit", timeSplit);
        node.put("calibrated", calibrate);
        node.put("learnedFromFiles", learnedFrom);
        ObjectNode repos = node.putObject("repositories");
        precedentCounts.forEach((repo, n) -> {
            ObjectNode r = repos.putObject(repo);
            r.put("precedents", n);
            Calibration c = calibrations.get(repo);
            if (c != null) {
                r.put("calibratedOnFiles", c.cases());
                r.put("calibratedOnMerges", c.merges());
                var changes = r.putArray("changes");
                c.changes().forEach(changes::add);
                ObjectNode tallies = r.putObject("strategies");
                for (Calibration.StrategyCalibration s : c.strategies()) {
                    ObjectNode t = tallies.putObject(s.strategy());
                    t.put("decisions", s.overall().decisions());
                    t.put("right", s.overall().right());
                    ObjectNode kinds = t.putObject("byKind");
                    s.byKind().forEach((kind, tally) -> kinds.putObject(kind).put("decisions", tally.decisions())
                            .put("right", tally.right()).put("decision", s.decisionFor(kind).name().toLowerCase()));
                }
            }
        });
    }
}
