package dev.truce.strategy;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.context.Precedent;
import dev.truce.context.Precedents;

/**
 * {@code precedent}: the hunk is resolved the way this repository consistently resolved conflicts like it in earlier
 * merges ({@link Precedents#habit}): the same side every time, in at least two conflicts of the same file with alike
 * lines, or in at least three of other files with nearly the same lines. It runs last, on what no rule of the three
 * versions took, and only with the repository's history (older merges only); without it, it never decides. It is
 * opt-in ({@link Strategies#OPTIONAL}): on with {@code --with precedent}, or where a repository's calibration found it
 * right in at least 98% of its decisions there.
 *
 * <p>Why it holds in any repository: a maintainer's repeated, unanimous choice in the same file is the repository's
 * convention for that kind of conflict (a receiving branch that keeps its own versions, a header that is always one
 * side's), and a convention is the one thing the three versions cannot show.
 */
final class PrecedentStrategy implements ResolutionStrategy {

    @Override
    public String name() {
        return "precedent";
    }

    @Override
    public boolean optIn() {
        return true;
    }

    @Override
    public boolean handlesLongLines() {
        return true; // compares whole lines only
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        return Verdict.notApplicable("no history of the repository to learn from");
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk, Precedents precedents) {
        var habit = precedents.habit(file.path(), hunk);
        if (habit.isEmpty()) {
            return Verdict.notApplicable("no consistent habit in this repository's earlier merges");
        }
        var lines = habit.get().choice() == Precedent.Choice.OURS ? hunk.ours() : hunk.theirs();
        return new Verdict.Resolved(lines, (habit.get().choice() == Precedent.Choice.OURS ? "ours" : "theirs")
                + ", as this repository always did: " + habit.get().text());
    }
}
