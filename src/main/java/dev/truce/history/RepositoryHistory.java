package dev.truce.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.context.Precedent;
import dev.truce.eval.EvalCase;
import dev.truce.strategy.ReceivingSide;

/**
 * What Truce learned from a repository's earlier conflicted merges: the strategies' calibration and the maintainers'
 * resolutions as precedents.
 *
 * @param calibration which strategies to trust here
 * @param precedents  the earlier resolutions, searchable
 */
public record RepositoryHistory(Calibration calibration, PrecedentIndex precedents) {

    /** Nothing learned. */
    public static final RepositoryHistory NONE = new RepositoryHistory(Calibration.none(),
            new PrecedentIndex(List.of()));

    /** Learns from {@code cases} (a repository's replayed merges), the results committed to {@code receiving}. */
    public static RepositoryHistory learn(String source, List<EvalCase> cases, ReceivingSide receiving) {
        return new RepositoryHistory(new Calibrator().calibrate(source, cases, receiving), precedentsOf(cases));
    }

    /** The precedents in {@code cases}, oldest merge first. */
    public static PrecedentIndex precedentsOf(List<EvalCase> cases) {
        PrecedentExtractor extractor = new PrecedentExtractor(new ConflictModelBuilder());
        List<Precedent> all = new ArrayList<>();
        for (EvalCase c : cases) {
            all.addAll(extractor.of(c));
        }
        all.sort(Comparator.comparingLong(Precedent::mergeTime));
        return new PrecedentIndex(all);
    }
}
