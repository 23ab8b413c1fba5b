package dev.truce.llm;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.LineEndings;
import dev.truce.resolve.HunkOutcome;

/**
 * The lines of a model's resolution that occur in none of the hunk's three versions (base, ours, theirs): code the
 * model wrote rather than chose. A reviewer has to read them, whatever confidence the model claimed, so the fix
 * pull request and {@code truce resolve} show them, and a repository can send such hunks to a human.
 *
 * <p>Lines are compared without their terminators and trailing whitespace; blank lines are never new code. Only
 * the hunk's own three versions count, not the rest of the file: a line copied from elsewhere (an {@code exec}
 * call from another method, say) changes what this region does as much as one made up, and the region's material
 * is what both sides actually wrote here. Strategies' outcomes are not checked: they decide from the three
 * versions by construction (whitespace-carry combines one side's whitespace with the other's text on purpose).
 */
public final class NewCode {

    private NewCode() {
    }

    /** The new lines of {@code outcome} (without terminators, in order), or none when it is not a model's. */
    public static List<String> of(ConflictHunk hunk, HunkOutcome outcome) {
        if (!outcome.isResolved() || !outcome.byModel()) {
            return List.of();
        }
        Set<String> material = new HashSet<>();
        for (ConflictHunk.Side side : ConflictHunk.Side.values()) {
            hunk.side(side).forEach(line -> material.add(normal(line)));
        }
        return outcome.lines().stream().filter(line -> !normal(line).isEmpty() && !material.contains(normal(line)))
                .map(LineEndings::content).toList();
    }

    private static String normal(String line) {
        return LineEndings.content(line).stripTrailing();
    }
}
