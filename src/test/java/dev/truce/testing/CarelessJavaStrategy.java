package dev.truce.testing;

import java.util.List;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Verdict;

/**
 * A strategy that gets Java wrong: it resolves every hunk with two fields, the second without its semicolon, so the
 * in-process checks have something to reject.
 */
public final class CarelessJavaStrategy implements ResolutionStrategy {

    @Override
    public String name() {
        return "careless";
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        return new Verdict.Resolved(List.of("  int b;\n", "  int c\n"), "both fields");
    }
}
