package dev.truce.history;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.engine.FileResolver;
import dev.truce.eval.CaseResult;
import dev.truce.eval.EvalCase;
import dev.truce.eval.EvalRunner;
import dev.truce.eval.Match;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Strategies;

/**
 * Measures every strategy, default and opt-in, on a repository's earlier conflicted merges (replayed as eval cases,
 * through the engine's own {@link FileResolver} with its in-process checks, no model): a decision is a hunk the
 * strategy resolved, right when it matches what the maintainers committed there (whitespace-normalised, judged inside
 * the committed file as {@code truce eval} judges hunks). The tallies become a {@link Calibration}.
 */
public final class Calibrator {

    private final Calibration.Thresholds thresholds;

    /** A calibrator with the default rule (98% of at least 10 decisions). */
    public Calibrator() {
        this(Calibration.Thresholds.DEFAULT);
    }

    /** A calibrator with its own rule. */
    public Calibrator(Calibration.Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * Calibrates on {@code cases}, every strategy in the chain, the result committed to {@code receiving}.
     *
     * @param source what the cases are, for the report
     */
    public Calibration calibrate(String source, List<EvalCase> cases, ReceivingSide receiving) {
        return calibrate(source, cases, receiving, true);
    }

    /**
     * Calibrates on {@code cases} as {@link #calibrate(String, List, ReceivingSide)} does; with {@code precedents},
     * each case is replayed knowing the resolutions of the cases strictly older than it (as the chain runs for real:
     * the {@code precedent} strategy is measured too, and a strategy held back by a habit is not charged for it),
     * without, knowing none.
     */
    public Calibration calibrate(String source, List<EvalCase> cases, ReceivingSide receiving, boolean precedents) {
        PrecedentIndex index = precedents ? RepositoryHistory.precedentsOf(cases) : new PrecedentIndex(List.of());
        // A strategy turned off passes its hunks to the strategies after it, which were never measured on them:
        // measure again with it off, until nothing more is turned off. What was off keeps the tally that turned it off.
        Map<String, Map<String, Calibration.Tally>> off = new LinkedHashMap<>();
        Calibration calibration = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<ResolutionStrategy> chain = calibration == null ? Strategies.all(receiving)
                    : calibration.chain(receiving, Set.of(), Set.of());
            Map<String, Map<String, Calibration.Tally>> tallies = tally(cases, chain, index);
            off.forEach((strategy, kinds) -> tallies.computeIfAbsent(strategy, s -> new TreeMap<>()).putAll(kinds));
            calibration = judge(source, cases, tallies);
            boolean more = false;
            for (Calibration.StrategyCalibration s : calibration.strategies()) {
                for (Map.Entry<String, Calibration.Tally> kind : s.byKind().entrySet()) {
                    if (s.decisionFor(kind.getKey()) == Calibration.Decision.OFF
                            && off.computeIfAbsent(s.strategy(), k -> new TreeMap<>())
                                    .putIfAbsent(kind.getKey(), kind.getValue()) == null) {
                        more = true;
                    }
                }
            }
            if (!more) {
                break;
            }
        }
        return calibration;
    }

    /** Rounds of measuring at most: each can only turn more strategies off, and there are eight. */
    private static final int MAX_ROUNDS = 5;

    private Calibration judge(String source, List<EvalCase> cases, Map<String, Map<String, Calibration.Tally>> tallies) {
        Set<String> merges = new HashSet<>();
        long newest = 0;
        for (EvalCase c : cases) {
            merges.add(c.merge());
            newest = Math.max(newest, c.mergeTime());
        }
        List<Calibration.StrategyCalibration> strategies = tallies.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> Calibration.StrategyCalibration.judge(e.getKey(), e.getValue(), thresholds)).toList();
        return new Calibration(source, merges.size(), cases.size(), newest, thresholds, strategies);
    }

    /** Each strategy's decisions on the cases by file kind, with {@code chain}. */
    private static Map<String, Map<String, Calibration.Tally>> tally(List<EvalCase> cases,
            List<ResolutionStrategy> chain, PrecedentIndex precedents) {
        EvalRunner runner = new EvalRunner(new ConflictModelBuilder(), new FileResolver(new Resolver(chain), null),
                c -> precedents.olderThan(c.mergeTime()));
        Map<String, Map<String, Calibration.Tally>> tallies = new LinkedHashMap<>();
        chain.forEach(s -> tallies.put(s.name(), new TreeMap<>()));
        for (EvalCase c : cases) {
            CaseResult result = runner.run(c);
            List<HunkOutcome> outcomes = result.outcomes();
            for (int i = 0; i < outcomes.size(); i++) {
                HunkOutcome o = outcomes.get(i);
                Match m = i < result.hunkMatches().size() ? result.hunkMatches().get(i) : null;
                if (!o.isResolved() || o.byModel() || !tallies.containsKey(o.strategy())) {
                    continue;
                }
                boolean right = m != null && m.matchesNormalised();
                tallies.get(o.strategy()).merge(c.language(), new Calibration.Tally(1, right ? 1 : 0),
                        Calibration.Tally::plus);
            }
        }
        return tallies;
    }
}
