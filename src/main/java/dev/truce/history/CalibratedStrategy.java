package dev.truce.history;

import java.util.function.Consumer;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.context.Precedents;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Verdict;

/**
 * A strategy on or off per file kind, as a repository's calibration says. Off, it still looks at the hunk, so that
 * when it would have decided, the reason says the calibration changed that ("would have resolved this, but is off for
 * java files in this repository: right in 12 of 20 earlier decisions"); on by calibration, its reason says so too.
 */
final class CalibratedStrategy implements ResolutionStrategy {

    private final ResolutionStrategy inner;
    private final Calibration.StrategyCalibration calibration;
    private final boolean byDefault;
    private final Consumer<String> changed;

    CalibratedStrategy(ResolutionStrategy inner, Calibration.StrategyCalibration calibration, boolean byDefault,
            Consumer<String> changed) {
        this.inner = inner;
        this.calibration = calibration;
        this.byDefault = byDefault;
        this.changed = changed;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public boolean handlesLongLines() {
        return inner.handlesLongLines();
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        return resolve(file, hunk, Precedents.NONE);
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk, Precedents precedents) {
        String kind = file.fileType().label();
        Calibration.Decision decision = calibration.decisionFor(kind);
        boolean on = decision == Calibration.Decision.DEFAULT ? byDefault : decision == Calibration.Decision.ON;
        if (on && byDefault) {
            return inner.resolve(file, hunk, precedents);
        }
        if (!on && !byDefault) {
            return Verdict.notApplicable("opt-in, not turned on");
        }
        Verdict verdict = inner.resolve(file, hunk, precedents);
        String scope = calibration.kinds().containsKey(kind) ? kind + " files" : "these files";
        String figures = calibration.tallyFor(kind).text();
        // The note names the kind even where it was judged with the other small kinds.
        String noted = calibration.kinds().containsKey(kind) ? scope : kind + " files (with other kinds)";
        if (on) {
            if (verdict instanceof Verdict.Resolved r) {
                changed.accept(name() + " is on for " + noted + " in this repository: " + figures);
                return new Verdict.Resolved(r.lines(), r.reason() + " (on for " + scope
                        + " in this repository by calibration: " + figures + ")");
            }
            return verdict;
        }
        if (verdict instanceof Verdict.Resolved) {
            changed.accept(name() + " is off for " + noted + " in this repository: " + figures);
            return Verdict.recognisedButPassed("calibration changed this decision: it would have resolved this hunk,"
                    + " but is off"
                    + " for " + scope + " in this repository (" + figures + ")");
        }
        return verdict;
    }
}
