package dev.truce.engine;

import java.time.Duration;
import java.util.List;

import dev.truce.validate.BuildResult;
import dev.truce.validate.Checkout;
import dev.truce.validate.Diagnostic;

/**
 * What building a resolved merge showed.
 *
 * @param runs      the commands that ran, in order; the last one failed unless all passed
 * @param problems  the failing command's diagnostics, each placed in the hunk it falls in or outside the conflicts
 * @param skipped   what the checkout left out (links pointing outside it, submodules)
 * @param isolation how the commands ran (the sandbox and what it withholds, or that there was none)
 * @param took      how long checkout and commands took
 */
public record BuildValidation(List<BuildResult> runs, List<Problem> problems, List<Checkout.Skipped> skipped,
        String isolation, Duration took) {

    public BuildValidation {
        runs = List.copyOf(runs);
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
    }

    /** Whether every command passed. */
    public boolean passed() {
        return !runs.isEmpty() && runs.get(runs.size() - 1).passed();
    }

    /** The command that failed, or {@code null}. */
    public BuildResult failure() {
        return passed() ? null : runs.get(runs.size() - 1);
    }

    /** Whether the failure is only partly explained by the hunks: errors in cleanly merged lines or no location. */
    public boolean outsideTheConflicts() {
        return !passed() && (problems.isEmpty() || problems.stream().anyMatch(p -> p.hunk() == null));
    }

    /**
     * One diagnostic of the failing command.
     *
     * @param diagnostic where and what
     * @param hunk       the hunk of {@code diagnostic.path()} whose resolved region holds it, or {@code null}: outside the
     *                   conflicts (a cleanly merged line, another file, no location)
     */
    public record Problem(Diagnostic diagnostic, Integer hunk) {
    }
}
