package dev.truce.resolve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Strategies;
import dev.truce.strategy.Verdict;

/**
 * Runs the deterministic strategies, in order, over every hunk of a conflicted file. The first strategy
 * that resolves a hunk (or asks for regeneration) decides it; a hunk all strategies pass is left
 * unresolved with their reasons.
 */
public final class Resolver {

    private final List<ResolutionStrategy> strategies;

    /** A resolver with the default strategies. */
    public Resolver() {
        this(Strategies.defaults());
    }

    /** A resolver with the given strategies, tried in order. */
    public Resolver(List<ResolutionStrategy> strategies) {
        this.strategies = List.copyOf(strategies);
    }

    /** Decides what can be decided in one file. */
    public FileResolution resolve(ConflictedFile file) {
        if (!file.hasHunks()) {
            return new FileResolution(file, List.of());
        }
        List<HunkOutcome> outcomes = new ArrayList<>();
        for (ConflictHunk hunk : file.hunks()) {
            outcomes.add(decide(file, hunk));
        }
        if (outcomes.stream().anyMatch(o -> o.status() == HunkOutcome.Status.REGENERATE)) {
            // A regenerated file is never partly text-merged.
            HunkOutcome first = outcomes.stream().filter(o -> o.status() == HunkOutcome.Status.REGENERATE)
                    .findFirst().orElseThrow();
            outcomes.replaceAll(o -> new HunkOutcome(o.hunkId(), HunkOutcome.Status.REGENERATE, first.strategy(),
                    first.reason(), null));
        }
        return new FileResolution(file, outcomes);
    }

    private HunkOutcome decide(ConflictedFile file, ConflictHunk hunk) {
        Set<String> reasons = new LinkedHashSet<>();
        for (ResolutionStrategy strategy : strategies) {
            Verdict verdict = strategy.resolve(file, hunk);
            if (verdict instanceof Verdict.Resolved r) {
                return new HunkOutcome(hunk.id(), HunkOutcome.Status.RESOLVED, strategy.name(), r.reason(), r.lines());
            }
            if (verdict instanceof Verdict.Regenerate g) {
                return new HunkOutcome(hunk.id(), HunkOutcome.Status.REGENERATE, strategy.name(), g.reason(), null);
            }
            if (verdict instanceof Verdict.Passed p && p.relevant()) {
                reasons.add(strategy.name() + ": " + p.reason());
            }
        }
        String reason = reasons.isEmpty() ? "no deterministic strategy applies; left for the model stage"
                : String.join("; ", reasons);
        return new HunkOutcome(hunk.id(), HunkOutcome.Status.UNRESOLVED, null, reason, null);
    }
}
