package dev.truce.resolve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.LineEndings;
import dev.truce.context.Precedents;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Strategies;
import dev.truce.strategy.Verdict;

/**
 * Runs the deterministic strategies, in order, over every hunk of a conflicted file. The first strategy
 * that resolves a hunk (or asks for regeneration) decides it; a hunk all strategies pass is left
 * unresolved with their reasons.
 *
 * <p>Two limits keep hostile files from stalling the engine:
 * <ul>
 * <li>a line-length limit ({@link #DEFAULT_MAX_LINE_LENGTH} characters by default): when a line of a hunk or of its
 * context is longer, the strategies that parse line content pass the hunk with a reason naming the length and the
 * limit (strategies that only compare whole lines or read the path, such as {@code regenerate} and
 * {@code one-side-changed}, still run; see {@link ResolutionStrategy#handlesLongLines()});</li>
 * <li>a {@link Deadline}, checked before each hunk and each strategy: once it has passed, the hunks left are
 * unresolved with the reason "needs a human: took too long (...)" and no more strategy work is done.</li>
 * </ul>
 */
public final class Resolver {

    /**
     * Lines longer than this many characters are left to a human by the strategies that parse lines. Real source
     * lines are rarely over a few hundred characters (style guides stop at 80 to 150); lines of thousands are
     * minified or generated text, which is regenerated or left to a human anyway. The strategies parse in linear
     * time, so the limit bounds each strategy's work per line rather than preventing a blow-up.
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 4_000;

    private final List<ResolutionStrategy> strategies;
    private final int maxLineLength;

    /** A resolver with the default strategies and line-length limit. */
    public Resolver() {
        this(Strategies.defaults());
    }

    /** A resolver with the given strategies, tried in order, and the default line-length limit. */
    public Resolver(List<ResolutionStrategy> strategies) {
        this(strategies, DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * A resolver with the given strategies, tried in order, that leaves hunks with a line longer than
     * {@code maxLineLength} characters (terminator not counted) to the strategies that do not parse lines.
     *
     * @throws IllegalArgumentException when {@code maxLineLength} is not positive
     */
    public Resolver(List<ResolutionStrategy> strategies, int maxLineLength) {
        if (maxLineLength <= 0) {
            throw new IllegalArgumentException("the line-length limit must be above 0, not " + maxLineLength);
        }
        this.strategies = List.copyOf(strategies);
        this.maxLineLength = maxLineLength;
    }

    /** Decides what can be decided in one file, with no time limit. */
    public FileResolution resolve(ConflictedFile file) {
        return resolve(file, Deadline.NONE);
    }

    /**
     * Decides what can be decided in one file before {@code deadline}; hunks not decided by then are unresolved
     * with the deadline's reason ({@link Deadline#reason()}).
     */
    public FileResolution resolve(ConflictedFile file, Deadline deadline) {
        return resolve(file, deadline, Precedents.NONE);
    }

    /**
     * Decides what can be decided in one file before {@code deadline}, knowing how the repository resolved earlier
     * conflicts: a strategy whose result goes against a consistent habit ({@link Precedents#contradiction}) passes the
     * hunk on, to the strategies after it (the {@code precedent} strategy follows the habit), the model or a human.
     */
    public FileResolution resolve(ConflictedFile file, Deadline deadline, Precedents precedents) {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(precedents, "precedents");
        if (!file.hasHunks()) {
            return new FileResolution(file, List.of());
        }
        List<HunkOutcome> outcomes = new ArrayList<>();
        java.util.Optional<String> outside = precedents.editsOutsideConflicts(file.path());
        for (ConflictHunk hunk : file.hunks()) {
            HunkOutcome decided = decide(file, hunk, deadline, precedents);
            if (outside.isPresent() && decided.isResolved()) {
                // The strategies' text could be right hunk by hunk and the file still not what the maintainers commit.
                decided = HunkOutcome.passed(hunk.id(), decided.strategy() + " would resolve this hunk, but "
                        + outside.get());
            }
            outcomes.add(decided);
        }
        if (outcomes.stream().anyMatch(o -> o.status() == HunkOutcome.Status.REGENERATE)) {
            // A regenerated file is never partly text-merged.
            HunkOutcome first = outcomes.stream().filter(o -> o.status() == HunkOutcome.Status.REGENERATE)
                    .findFirst().orElseThrow();
            outcomes.replaceAll(o -> new HunkOutcome.Regenerate(o.hunkId(), first.decider(), first.reason()));
        }
        return new FileResolution(file, outcomes);
    }

    private HunkOutcome decide(ConflictedFile file, ConflictHunk hunk, Deadline deadline, Precedents precedents) {
        Set<String> reasons = new LinkedHashSet<>();
        int longest = longestLine(hunk);
        String tooLong = longest <= maxLineLength ? null : String.format(Locale.ROOT,
                "a line of %,d characters is over the %,d-character limit for deterministic strategies", longest,
                maxLineLength);
        for (ResolutionStrategy strategy : strategies) {
            if (deadline.expired()) {
                return new HunkOutcome.Unresolved(hunk.id(), Decider.NOBODY, HunkOutcome.Cause.TOO_LONG,
                        deadline.reason(), null);
            }
            if (tooLong != null && !strategy.handlesLongLines()) {
                reasons.add(tooLong);
                continue;
            }
            Verdict verdict;
            try {
                verdict = strategy.resolve(file, hunk, precedents);
            } catch (RuntimeException e) {
                // A fault in one strategy is that strategy's defect, not the merge's: the hunk goes on to the next
                // strategies, the model or a human, with a reason, and the rest of the merge is still resolved.
                reasons.add(strategy.name() + ": failed on this hunk (" + e.getClass().getSimpleName()
                        + "), so it decides nothing here");
                continue;
            }
            if (verdict instanceof Verdict.Resolved r) {
                java.util.Optional<String> against = precedents.contradiction(file.path(), hunk, r.lines());
                if (against.isEmpty()) {
                    return HunkOutcome.resolved(hunk.id(), strategy.name(), r.reason(), r.lines());
                }
                reasons.add(strategy.name() + ": " + against.get());
                continue;
            }
            if (verdict instanceof Verdict.Regenerate g) {
                return new HunkOutcome.Regenerate(hunk.id(), new Decider.Strategy(strategy.name()), g.reason());
            }
            if (verdict instanceof Verdict.Passed p && p.relevant()) {
                reasons.add(strategy.name() + ": " + p.reason());
            }
        }
        String reason = reasons.isEmpty() ? "no deterministic strategy applies; left for the model stage"
                : String.join("; ", reasons);
        return HunkOutcome.passed(hunk.id(), reason);
    }

    /** The longest line the strategies may read for this hunk: its three sides and the context around it. */
    private static int longestLine(ConflictHunk hunk) {
        int longest = 0;
        for (List<String> lines : List.of(hunk.base(), hunk.ours(), hunk.theirs(), hunk.before(), hunk.after())) {
            for (String line : lines) {
                longest = Math.max(longest, line.length() - LineEndings.terminator(line).length());
            }
        }
        return longest;
    }
}
