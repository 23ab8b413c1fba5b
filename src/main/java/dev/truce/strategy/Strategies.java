package dev.truce.strategy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The strategy chain, most specific first. The default chain holds the strategies whose decisions follow from the
 * three versions alone; the opt-in ones ({@link #OPTIONAL}) decide by a convention (a sorted list's order, carrying
 * one side's whitespace clean-up over the other's change) that people often settle differently, so a repository
 * or a run turns them on by name.
 */
public final class Strategies {

    /**
     * The names of the strategies that run only when asked for by name, or where a repository's calibration turned
     * them on: those whose {@link ResolutionStrategy#optIn()} says so.
     * {@code precedent} is one: following an earlier habit was right in only 79% of its files on the reference corpus
     * (and 77% on a tuning corpus), where the rules of merging are at 98%; a calibration turns it on only for
     * repositories whose own history shows it right.
     */
    public static final Set<String> OPTIONAL = all(ReceivingSide.OURS).stream().filter(ResolutionStrategy::optIn)
            .map(ResolutionStrategy::name).collect(Collectors.toUnmodifiableSet());

    private Strategies() {
    }

    /**
     * The default chain for a merge committed to ours: git's convention, where the first parent is the branch
     * being merged into.
     */
    public static List<ResolutionStrategy> defaults() {
        return defaults(ReceivingSide.OURS);
    }

    /** The default chain for a merge committed to the given side's branch. */
    public static List<ResolutionStrategy> defaults(ReceivingSide receiving) {
        return all(receiving).stream().filter(s -> !s.optIn()).toList();
    }

    /** Every strategy Truce has, default and opt-in, in the order they run. */
    public static List<ResolutionStrategy> all(ReceivingSide receiving) {
        return List.of(
                new RegenerateStrategy(),
                new OneSideChangedStrategy(),
                new WhitespaceStrategy(),
                new WhitespaceCarryStrategy(),
                new VersionBumpStrategy(receiving),
                new ImportUnionStrategy(),
                new ListInsertionStrategy(),
                new SeparateLineEditsStrategy(),
                new PrecedentStrategy());
    }

    /** The names of every strategy, in the order they run. */
    public static List<String> names() {
        return all(ReceivingSide.OURS).stream().map(ResolutionStrategy::name).toList();
    }

    /**
     * The default chain with the named strategies added and removed, in the order they run.
     *
     * @throws IllegalArgumentException when a name is not a strategy, saying which ones there are
     */
    public static List<ResolutionStrategy> select(ReceivingSide receiving, Collection<String> with,
            Collection<String> without) {
        Set<String> unknown = new LinkedHashSet<>(with);
        unknown.addAll(without);
        unknown.removeAll(names());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown strategy " + String.join(", ", unknown) + "; the strategies are "
                    + String.join(", ", names()) + " (opt-in: " + String.join(", ", optionalNames()) + ")");
        }
        List<ResolutionStrategy> chain = new ArrayList<>();
        for (ResolutionStrategy s : all(receiving)) {
            if ((!s.optIn() || with.contains(s.name())) && !without.contains(s.name())) {
                chain.add(s);
            }
        }
        return List.copyOf(chain);
    }

    private static List<String> optionalNames() {
        return all(ReceivingSide.OURS).stream().filter(ResolutionStrategy::optIn).map(ResolutionStrategy::name)
                .toList();
    }
}
