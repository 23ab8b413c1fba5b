package dev.truce.strategy;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;

/**
 * After the lines both sides added identically are moved out of a hunk, one side may be left equal to the
 * base: then only the other side changed that region, and taking its text is ordinary three-way merging.
 *
 * <p>Not when the region is empty at the base and lies inside text both sides added: there both sides wrote
 * the block, and one side's copy simply lacks lines the other's has (an annotation, a method, a section).
 * The shorter copy did not "leave the base alone"; which copy is meant is a choice, so the hunk is passed on.
 */
public final class OneSideChangedStrategy implements ResolutionStrategy {

    @Override
    public String name() {
        return "one-side-changed";
    }

    /** It only compares whole lines. */
    @Override
    public boolean handlesLongLines() {
        return true;
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        if (hunk.base().isEmpty() && hunk.sharedAdded() > 0
                && (hunk.ours().isEmpty() || hunk.theirs().isEmpty())) {
            String longer = hunk.ours().isEmpty() ? "theirs" : "ours";
            return Verdict.recognisedButPassed("both sides added the text around this region, and only " + longer + "' copy has"
                    + " these lines; which copy is meant is a choice");
        }
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
