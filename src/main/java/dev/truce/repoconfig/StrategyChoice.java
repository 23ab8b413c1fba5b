package dev.truce.repoconfig;

import java.util.List;

/**
 * Which strategies a repository adds to or removes from the default chain ({@code strategies:} in truce.yml).
 *
 * @param with    opt-in strategies to run as well, such as {@code list-insertion}
 * @param without default strategies to leave out
 */
public record StrategyChoice(List<String> with, List<String> without) {

    /** The default chain, unchanged. */
    public static final StrategyChoice NONE = new StrategyChoice(List.of(), List.of());

    public StrategyChoice {
        with = List.copyOf(with);
        without = List.copyOf(without);
    }
}
