package dev.truce.strategy;

import java.util.List;

/** The default strategy chain, most specific first. */
public final class Strategies {

    private Strategies() {
    }

    /**
     * The strategies Truce runs, in order, for a merge committed to ours: git's convention, where the first
     * parent is the branch being merged into.
     */
    public static List<ResolutionStrategy> defaults() {
        return defaults(ReceivingSide.OURS);
    }

    /** The strategies Truce runs, in order, for a merge committed to the given side's branch. */
    public static List<ResolutionStrategy> defaults(ReceivingSide receiving) {
        return List.of(
                new LockfileStrategy(),
                new OneSideChangedStrategy(),
                new WhitespaceStrategy(),
                new VersionBumpStrategy(receiving),
                new ImportUnionStrategy(),
                new ListInsertionStrategy(),
                new SeparateLineEditsStrategy());
    }
}
