package dev.truce.strategy;

import java.util.List;

/** The default strategy chain, most specific first. */
public final class Strategies {

    private Strategies() {
    }

    /** The strategies Truce runs, in order. */
    public static List<ResolutionStrategy> defaults() {
        return List.of(
                new LockfileStrategy(),
                new OneSideChangedStrategy(),
                new WhitespaceStrategy(),
                new VersionBumpStrategy(),
                new ImportUnionStrategy(),
                new ListInsertionStrategy(),
                new SeparateLineEditsStrategy());
    }
}
