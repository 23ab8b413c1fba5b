package dev.truce.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Strategies;

/**
 * Which strategies a repository's own history says to trust: each strategy's decisions on the repository's earlier
 * conflicted merges, how many matched what the maintainers committed, and what follows. Per file kind with enough
 * decisions, a strategy stays on where it was right in at least {@link Thresholds#minPrecision()} of at least
 * {@link Thresholds#minDecisions()} decisions and is off below; the kinds with fewer decisions are judged together by
 * the same rule; where there are too few decisions even then, the default chain decides.
 *
 * @param source     what was replayed (a repository, a corpus' older half)
 * @param merges     how many merges the cases came from
 * @param cases      how many conflicted files were replayed
 * @param newestMergeTime the newest merge used, seconds since the epoch (the calibration never saw a later one)
 * @param thresholds the rule
 * @param strategies per strategy, in chain order, what was measured and decided
 */
public record Calibration(String source, int merges, int cases, long newestMergeTime, Thresholds thresholds,
        List<StrategyCalibration> strategies) {

    public Calibration {
        strategies = strategies == null ? List.of() : List.copyOf(strategies);
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    /** This calibration as JSON ({@code truce calibrate --out}, the App's store). */
    public String toJson() {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    }

    /**
     * A calibration from its JSON.
     *
     * @throws IllegalArgumentException when {@code json} is not a calibration {@code truce calibrate --out} wrote
     */
    public static Calibration fromJson(String json) {
        try {
            Calibration c = JSON.readValue(json, Calibration.class);
            if (c == null || c.thresholds() == null) {
                throw new IllegalArgumentException("not a calibration (no thresholds)");
            }
            return c;
        } catch (tools.jackson.core.JacksonException | NullPointerException e) {
            throw new IllegalArgumentException("not a calibration written by truce calibrate --out: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** A calibration of nothing: every strategy as the default chain has it. */
    public static Calibration none() {
        return new Calibration("nothing", 0, 0, 0, Thresholds.DEFAULT, List.of());
    }

    /**
     * The rule.
     *
     * @param minPrecision  the share of decisions that must match the maintainers' for a strategy to stay on
     * @param minDecisions  how many decisions it takes to judge
     */
    public record Thresholds(double minPrecision, int minDecisions) {
        /** Right in 98% of at least 10 decisions. */
        public static final Thresholds DEFAULT = new Thresholds(0.98, 10);

        /** What a tally says under this rule. */
        public Decision judge(Tally tally) {
            if (tally.decisions() < minDecisions) {
                return Decision.DEFAULT;
            }
            return tally.precision() >= minPrecision ? Decision.ON : Decision.OFF;
        }
    }

    /** A strategy's fate for some files. */
    public enum Decision {
        /** On, whatever the default chain says. */
        ON,
        /** Off: it was wrong too often here. */
        OFF,
        /** Too few decisions to say: as the default chain has it. */
        DEFAULT
    }

    /**
     * Decisions counted and how many matched.
     *
     * @param decisions hunks the strategy resolved
     * @param right     of those, how many matched what the maintainers committed (whitespace-normalised)
     */
    public record Tally(int decisions, int right) {
        /** Nothing counted. */
        public static final Tally ZERO = new Tally(0, 0);

        /** This tally and another. */
        public Tally plus(Tally other) {
            return new Tally(decisions + other.decisions, right + other.right);
        }

        /** right / decisions, 0 for none. */
        public double precision() {
            return decisions == 0 ? 0 : (double) right / decisions;
        }

        /** "right in 12 of 20 (60.0%)". */
        public String text() {
            return String.format(Locale.ROOT, "right in %d of %d earlier decisions (%.1f%%)", right, decisions,
                    100.0 * precision());
        }
    }

    /**
     * One strategy's measurements and decisions.
     *
     * @param strategy  its name
     * @param byKind    tallies per file kind ({@code java}, {@code maven-pom}, ...)
     * @param kinds     the decision for each kind judged on its own
     * @param rest      the decision for every other kind, judged together
     * @param restTally the tally of those other kinds together
     */
    public record StrategyCalibration(String strategy, Map<String, Tally> byKind, Map<String, Decision> kinds,
            Decision rest, Tally restTally) {

        public StrategyCalibration {
            byKind = Map.copyOf(byKind);
            kinds = Map.copyOf(kinds);
        }

        /** All decisions of the strategy, every kind. */
        public Tally overall() {
            return byKind.values().stream().reduce(Tally.ZERO, Tally::plus);
        }

        /** The decision for files of {@code kind}. */
        public Decision decisionFor(String kind) {
            return kinds.getOrDefault(kind, rest);
        }

        /** The tally the decision for {@code kind} rests on. */
        public Tally tallyFor(String kind) {
            return kinds.containsKey(kind) ? byKind.get(kind) : restTally;
        }

        /** Judges tallies by the rule. */
        static StrategyCalibration judge(String strategy, Map<String, Tally> byKind, Thresholds thresholds) {
            Map<String, Decision> kinds = new LinkedHashMap<>();
            Tally rest = Tally.ZERO;
            for (Map.Entry<String, Tally> e : byKind.entrySet()) {
                Decision d = thresholds.judge(e.getValue());
                if (d == Decision.DEFAULT) {
                    rest = rest.plus(e.getValue());
                } else {
                    kinds.put(e.getKey(), d);
                }
            }
            return new StrategyCalibration(strategy, byKind, kinds, thresholds.judge(rest), rest);
        }
    }

    /** The calibration of {@code strategy}, or {@code null} when it made no decision. */
    public StrategyCalibration of(String strategy) {
        return strategies.stream().filter(s -> s.strategy().equals(strategy)).findFirst().orElse(null);
    }

    /**
     * The chain for a merge committed to {@code receiving}: every strategy, each on or off per file kind as this
     * calibration says; where it says nothing, as the default chain has it. Names in {@code with} and
     * {@code without} (a repository's own {@code strategies:} in {@code .github/truce.yml}, the command line's
     * options) override the calibration for those strategies.
     *
     * @throws IllegalArgumentException for a name that is no strategy
     */
    public List<ResolutionStrategy> chain(ReceivingSide receiving, Set<String> with, Set<String> without) {
        return chain(receiving, with, without, change -> { });
    }

    /**
     * The chain {@link #chain(ReceivingSide, Set, Set)} gives, telling {@code changed} each time the calibration
     * changes a decision: a strategy it turned off would have resolved a hunk, or one it turned on resolved one. The
     * line names the strategy, the file kind and the figures ("separate-line-edits is off for properties files in this
     * repository: right in 21 of 78 earlier decisions (26.9%)"); {@code changed} may be called from several threads.
     *
     * @throws IllegalArgumentException for a name that is no strategy
     */
    public List<ResolutionStrategy> chain(ReceivingSide receiving, Set<String> with, Set<String> without,
            java.util.function.Consumer<String> changed) {
        Strategies.select(receiving, with, without); // checks the names
        List<ResolutionStrategy> chain = new ArrayList<>();
        for (ResolutionStrategy s : Strategies.all(receiving)) {
            boolean byDefault = !Strategies.OPTIONAL.contains(s.name());
            if (without.contains(s.name())) {
                continue;
            }
            if (with.contains(s.name())) {
                chain.add(s);
                continue;
            }
            StrategyCalibration c = of(s.name());
            if (c == null) {
                if (byDefault) {
                    chain.add(s);
                }
                continue;
            }
            chain.add(new CalibratedStrategy(s, c, byDefault, changed));
        }
        return List.copyOf(chain);
    }

    /**
     * The {@code strategies:} block for {@code .github/truce.yml} that comes closest to this calibration when a whole
     * strategy is switched (truce.yml does not switch per file kind): off where all its decisions together fall below
     * the rule, on (opt-in strategies) where they meet it.
     */
    public String suggestedConfig() {
        Set<String> with = new TreeSet<>();
        Set<String> without = new TreeSet<>();
        for (StrategyCalibration s : strategies) {
            Decision overall = thresholds.judge(s.overall());
            boolean byDefault = !Strategies.OPTIONAL.contains(s.strategy());
            if (overall == Decision.OFF && byDefault) {
                without.add(s.strategy());
            } else if (overall == Decision.ON && !byDefault) {
                with.add(s.strategy());
            }
        }
        return "strategies:\n  with: [" + String.join(", ", with) + "]\n  without: [" + String.join(", ", without)
                + "]\n";
    }

    /** What this calibration changes against the default chain, one line per strategy and kind; empty for nothing. */
    public List<String> changes() {
        List<String> out = new ArrayList<>();
        for (StrategyCalibration s : strategies) {
            boolean byDefault = !Strategies.OPTIONAL.contains(s.strategy());
            s.kinds().forEach((kind, d) -> {
                if ((d == Decision.OFF) == byDefault) {
                    out.add(s.strategy() + " " + (d == Decision.OFF ? "off" : "on") + " for " + kind + " files: "
                            + s.byKind().get(kind).text());
                }
            });
            if (s.rest() != Decision.DEFAULT && (s.rest() == Decision.OFF) == byDefault) {
                out.add(s.strategy() + " " + (s.rest() == Decision.OFF ? "off" : "on") + " for "
                        + (s.kinds().isEmpty() ? "all" : "other") + " files: " + s.restTally().text());
            }
        }
        return out;
    }
}
