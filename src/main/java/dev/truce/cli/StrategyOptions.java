package dev.truce.cli;

import java.util.ArrayList;
import java.util.List;

import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Strategies;
import picocli.CommandLine.Option;

/** {@code --with} and {@code --without}: which strategies run, shared by {@code resolve} and {@code eval}. */
final class StrategyOptions {

    @Option(names = "--with", split = ",", paramLabel = "STRATEGY",
            description = "Also run these opt-in strategies (comma-separated): list-insertion, whitespace-carry,"
                    + " precedent (needs a repository's history: eval's precedents).")
    List<String> with = new ArrayList<>();

    @Option(names = "--without", split = ",", paramLabel = "STRATEGY",
            description = "Leave these strategies out of the chain (comma-separated names).")
    List<String> without = new ArrayList<>();

    /**
     * The chain to run.
     *
     * @throws IllegalArgumentException for a name that is no strategy, with the names there are
     */
    List<ResolutionStrategy> chain(ReceivingSide receiving) {
        return Strategies.select(receiving, with, without);
    }
}
