package dev.truce.strategy;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;

/**
 * After the lines both sides added identically are moved out of a hunk, one side may be left equal to the
 * base: then only the other side changed that region, and taking its text is ordinary three-way merging.
 */
public final class OneSideChangedStrategy implements ResolutionStrategy {

    @Override
    public String name() {
        return "one-side-changed";
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        if (hunk.ours().equals(hunk.base())) {
            return new Verdict.Resolved(hunk.theirs(),
                    "both sides made the same change; beyond it only theirs changed this region");
        }
        if (hunk.theirs().equals(hunk.base())) {
            return new Verdict.Resolved(hunk.ours(),
                    "both sides made the same change; beyond it only ours changed this region");
        }
        return Verdict.notApplicable("both sides changed this region differently");
    }
}
