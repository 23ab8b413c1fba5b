package dev.truce.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import dev.truce.eval.CaseResult.FileStatus;
import dev.truce.resolve.HunkOutcome;

/**
 * Aggregates case results into the figures Truce is judged by: per file and per hunk, by language and by
 * strategy, beside the take-ours and take-theirs baselines on the same cases. Only figures, each a named record;
 * {@link EvalReportText} prints them and {@link EvalReportJson} writes the JSON summary.
 */
public final class EvalReport {

    private final List<CaseResult> results;
    private final Map<String, Integer> skipped;
    private final Map<String, Long> timingMillis;

    /**
     * A report over the given results.
     *
     * @param results      one result per case, in corpus order
     * @param skipped      what was left out before running and how often (corrupt lines, criss-cross merges, ...)
     * @param timingMillis how long each phase took
     */
    public EvalReport(List<CaseResult> results, Map<String, Integer> skipped, Map<String, Long> timingMillis) {
        this.results = List.copyOf(results);
        this.skipped = new LinkedHashMap<>(skipped);
        this.timingMillis = new LinkedHashMap<>(timingMillis);
    }

    /** A report over results with nothing skipped and no timing. */
    public EvalReport(List<CaseResult> results) {
        this(results, Map.of(), Map.of());
    }

    /**
     * Counts of files or hunks by outcome.
     *
     * @param count      files (or hunks) in the group
     * @param exact      resolved and exactly the human's
     * @param normalised resolved and the human's only after normalisation
     * @param different  resolved but different
     * @param unresolved left for the model stage or a human
     * @param regenerate left to the file's tool
     * @param errors     the engine failed (files only)
     */
    public record Figures(int count, int exact, int normalised, int different, int unresolved, int regenerate,
            int errors) {

        /** Resolved by Truce, whatever the outcome. */
        public int resolved() {
            return exact + normalised + different;
        }

        /** Resolved and matching the human after normalisation (exact included). */
        public int matching() {
            return exact + normalised;
        }

        /** Of what Truce claims resolved, the share that matches the human after normalisation. */
        public double precision() {
            return ratio(matching(), resolved());
        }

        /** Of what Truce claims resolved, the share that matches the human exactly. */
        public double exactPrecision() {
            return ratio(exact, resolved());
        }

        /** The share of all files (or hunks) Truce claims resolved. */
        public double coverage() {
            return ratio(resolved(), count);
        }
    }

    /**
     * A baseline's figures: it claims every file (or hunk) it can answer for.
     *
     * @param files       files it answers for
     * @param filesExact  of those, exactly the human's
     * @param filesMatch  of those, the human's after normalisation
     * @param hunks       hunks it answers for ({@code -1} when the baseline has no hunk level)
     * @param hunksExact  of those, no edit touches them on raw lines
     * @param hunksMatch  of those, no edit touches them on normalised lines
     */
    public record BaselineFigures(int files, int filesExact, int filesMatch, int hunks, int hunksExact,
            int hunksMatch) {

        /** Of the files it answers for, the share matching the human's after normalisation. */
        public double filePrecision() {
            return ratio(filesMatch, files);
        }

        /** Of the hunks it answers for, the share matching the human's after normalisation. */
        public double hunkPrecision() {
            return ratio(hunksMatch, hunks);
        }

        /** Whether the baseline has a hunk level (taking a whole file has none). */
        public boolean hasHunks() {
            return hunks >= 0;
        }
    }

    /**
     * Truce and the naive resolutions on the same cases.
     *
     * @param truce      what Truce claims resolved
     * @param oursHunks  every hunk taken from ours ({@code git merge -X ours})
     * @param theirsHunks every hunk taken from theirs ({@code git merge -X theirs})
     * @param oursFile   the whole file taken from ours
     * @param theirsFile the whole file taken from theirs
     */
    public record Baselines(BaselineFigures truce, BaselineFigures oursHunks, BaselineFigures theirsHunks,
            BaselineFigures oursFile, BaselineFigures theirsFile) {

        /** Each by its display label (the keys of the JSON summary's {@code baselines}), Truce first. */
        public Map<String, BaselineFigures> byLabel() {
            Map<String, BaselineFigures> out = new LinkedHashMap<>();
            out.put("truce", truce);
            out.put("take ours hunks (-X ours)", oursHunks);
            out.put("take theirs hunks (-X theirs)", theirsHunks);
            out.put("take whole ours file", oursFile);
            out.put("take whole theirs file", theirsFile);
            return out;
        }
    }

    /**
     * One language's figures.
     *
     * @param files     file-level figures
     * @param hunks     hunk-level figures
     * @param baselines the baselines on the language's cases
     */
    public record LanguageFigures(Figures files, Figures hunks, Baselines baselines) {
    }

    /**
     * What one strategy did.
     *
     * @param hunks       hunks it resolved
     * @param hunksExact  of those, exactly the human's
     * @param hunksMatch  of those, the human's after normalisation
     * @param files       fully resolved files in which it resolved at least one hunk
     * @param filesMatch  of those, the human's file after normalisation
     */
    public record StrategyFigures(int hunks, int hunksExact, int hunksMatch, int files, int filesMatch) {

        /** Of the hunks it resolved, the share matching the human's after normalisation. */
        public double hunkPrecision() {
            return ratio(hunksMatch, hunks);
        }

        /** Of the fully resolved files it was used in, the share matching the human's. */
        public double filePrecision() {
            return ratio(filesMatch, files);
        }
    }

    /** A strategy's counts while they are added up. */
    private static final class StrategyTally {
        int hunks;
        int hunksExact;
        int hunksMatch;
        int files;
        int filesMatch;

        StrategyFigures figures() {
            return new StrategyFigures(hunks, hunksExact, hunksMatch, files, filesMatch);
        }
    }

    /** What was left out before running, and how often (corrupt lines, criss-cross merges, ...). */
    public Map<String, Integer> skipped() {
        return java.util.Collections.unmodifiableMap(skipped);
    }

    /** How long each phase took, in milliseconds, in the order measured. */
    public Map<String, Long> timingMillis() {
        return java.util.Collections.unmodifiableMap(timingMillis);
    }

    /** File-level figures over all cases. */
    public Figures files() {
        return fileFigures(results);
    }

    /** Hunk-level figures over all cases. */
    public Figures hunks() {
        return hunkFigures(results);
    }

    /**
     * File-level figures over the cases whose human file keeps all the text the merge decided by itself: the
     * cases a resolver that decides hunks alone can match at all.
     */
    public Figures reachableFiles() {
        return fileFigures(results.stream().filter(CaseResult::humanKeptMergedText).toList());
    }

    /** File-level figures per language label. */
    public Map<String, Figures> filesByLanguage() {
        Map<String, Figures> out = new TreeMap<>();
        byLanguage().forEach((k, v) -> out.put(k, fileFigures(v)));
        return out;
    }

    /** Hunk-level figures per language label. */
    public Map<String, Figures> hunksByLanguage() {
        Map<String, Figures> out = new TreeMap<>();
        byLanguage().forEach((k, v) -> out.put(k, hunkFigures(v)));
        return out;
    }

    /** The baselines over all cases, Truce first for comparison. */
    public Baselines baselines() {
        return baselines(results);
    }

    /** Per language label, in label order: its files, hunks and baselines. */
    public Map<String, LanguageFigures> languages() {
        Map<String, LanguageFigures> out = new TreeMap<>();
        byLanguage().forEach((lang, group) -> out.put(lang, new LanguageFigures(fileFigures(group),
                hunkFigures(group), baselines(group))));
        return out;
    }

    /** Per strategy, what it resolved and how much of it matches. */
    public Map<String, StrategyFigures> byStrategy() {
        Map<String, StrategyTally> acc = new TreeMap<>();
        for (CaseResult r : results) {
            Set<String> used = new LinkedHashSet<>();
            List<HunkOutcome> outcomes = r.outcomes();
            for (int i = 0; i < outcomes.size(); i++) {
                HunkOutcome o = outcomes.get(i);
                if (!o.isResolved()) {
                    continue;
                }
                used.add(o.strategy());
                StrategyTally a = acc.computeIfAbsent(o.strategy(), k -> new StrategyTally());
                Match m = r.hunkMatches().get(i);
                a.hunks++;
                a.hunksExact += m == Match.EXACT ? 1 : 0;
                a.hunksMatch += m != null && m.matchesNormalised() ? 1 : 0;
            }
            if (r.isResolved()) {
                for (String s : used) {
                    StrategyTally a = acc.get(s);
                    a.files++;
                    a.filesMatch += r.normalisedMatch() ? 1 : 0;
                }
            }
        }
        Map<String, StrategyFigures> out = new TreeMap<>();
        acc.forEach((k, a) -> out.put(k, a.figures()));
        return out;
    }

    /** Cases the engine failed on, with their messages. */
    public List<CaseResult> errors() {
        return results.stream().filter(r -> r.error() != null).toList();
    }

    private Map<String, List<CaseResult>> byLanguage() {
        return group(r -> r.evalCase().language());
    }

    private Map<String, List<CaseResult>> group(Function<CaseResult, String> key) {
        Map<String, List<CaseResult>> groups = new TreeMap<>();
        for (CaseResult r : results) {
            groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static Figures fileFigures(List<CaseResult> group) {
        int[] n = new int[FileStatus.values().length];
        for (CaseResult r : group) {
            n[r.status().ordinal()]++;
        }
        return new Figures(group.size(), n[FileStatus.EXACT.ordinal()], n[FileStatus.NORMALISED.ordinal()],
                n[FileStatus.DIFFERENT.ordinal()], n[FileStatus.UNRESOLVED.ordinal()],
                n[FileStatus.REGENERATE.ordinal()], n[FileStatus.ERROR.ordinal()]);
    }

    private static Figures hunkFigures(List<CaseResult> group) {
        int count = 0;
        int exact = 0;
        int normalised = 0;
        int different = 0;
        int unresolved = 0;
        int regenerate = 0;
        for (CaseResult r : group) {
            List<HunkOutcome> outcomes = r.outcomes();
            for (int i = 0; i < outcomes.size(); i++) {
                count++;
                HunkOutcome o = outcomes.get(i);
                if (o.status() == HunkOutcome.Status.REGENERATE) {
                    regenerate++;
                } else if (!o.isResolved()) {
                    unresolved++;
                } else {
                    switch (r.hunkMatches().get(i)) {
                        case EXACT -> exact++;
                        case NORMALISED -> normalised++;
                        case DIFFERENT -> different++;
                    }
                }
            }
        }
        return new Figures(count, exact, normalised, different, unresolved, regenerate, 0);
    }

    private static Baselines baselines(List<CaseResult> group) {
        Figures f = fileFigures(group);
        Figures h = hunkFigures(group);
        return new Baselines(new BaselineFigures(f.resolved(), f.exact(), f.matching(), h.resolved(), h.exact(),
                h.matching()), hunkBaseline(group, CaseResult::oursHunks), hunkBaseline(group, CaseResult::theirsHunks),
                fileBaseline(group, CaseResult::oursFile), fileBaseline(group, CaseResult::theirsFile));
    }

    private static BaselineFigures hunkBaseline(List<CaseResult> group, Function<CaseResult, CaseResult.Baseline> b) {
        int files = 0;
        int filesExact = 0;
        int filesMatch = 0;
        int hunks = 0;
        int hunksExact = 0;
        int hunksMatch = 0;
        for (CaseResult r : group) {
            CaseResult.Baseline baseline = b.apply(r);
            if (baseline.file() != null) {
                files++;
                filesExact += baseline.file() == Match.EXACT ? 1 : 0;
                filesMatch += baseline.file().matchesNormalised() ? 1 : 0;
            }
            for (Match m : baseline.hunks()) {
                hunks++;
                hunksExact += m == Match.EXACT ? 1 : 0;
                hunksMatch += m.matchesNormalised() ? 1 : 0;
            }
        }
        return new BaselineFigures(files, filesExact, filesMatch, hunks, hunksExact, hunksMatch);
    }

    private static BaselineFigures fileBaseline(List<CaseResult> group, Function<CaseResult, Match> m) {
        int exact = 0;
        int match = 0;
        for (CaseResult r : group) {
            exact += m.apply(r) == Match.EXACT ? 1 : 0;
            match += m.apply(r).matchesNormalised() ? 1 : 0;
        }
        return new BaselineFigures(group.size(), exact, match, -1, 0, 0);
    }

    /**
     * The model stage's figures, apart from the deterministic stage's.
     *
     * @param deterministicResolved hunks the strategies resolved
     * @param deterministicMatching of those, hunks matching the human's after normalisation
     * @param asked          hunks the model was asked about (or declined before asking: too large)
     * @param matching       hunks the model resolved that match the human's after normalisation
     * @param different      hunks the model resolved differently from the human
     * @param declined       hunks the model declined, or whose answer was rejected, or whose call failed
     * @param calls          hunks with a model call (tokens and latency are averaged over these)
     * @param inputTokens    input tokens, all calls
     * @param cachedTokens   cached input tokens, all calls
     * @param outputTokens   output tokens, all calls
     * @param latencyMillis  wall time of the calls
     * @param cost           estimated cost (0 when prices are unknown)
     */
    public record ModelFigures(int deterministicResolved, int deterministicMatching, int asked, int matching,
            int different, int declined, int calls, long inputTokens, long cachedTokens, long outputTokens,
            long latencyMillis, double cost) {

        /** Average of a total over the hunks with a call. */
        public double perHunk(long total) {
            return calls == 0 ? 0 : (double) total / calls;
        }
    }

    /** The model stage apart from the deterministic strategies. */
    public ModelFigures modelStage() {
        int detResolved = 0;
        int detMatching = 0;
        int asked = 0;
        int matching = 0;
        int different = 0;
        int declined = 0;
        int calls = 0;
        long in = 0;
        long cached = 0;
        long outTokens = 0;
        long latency = 0;
        double cost = 0;
        for (CaseResult r : results) {
            List<dev.truce.resolve.HunkOutcome> outcomes = r.outcomes();
            for (int i = 0; i < outcomes.size(); i++) {
                var o = outcomes.get(i);
                Match m = i < r.hunkMatches().size() ? r.hunkMatches().get(i) : null;
                boolean model = o.byModel();
                if (o.isResolved() && !model) {
                    detResolved++;
                    detMatching += m != null && m.matchesNormalised() ? 1 : 0;
                } else if (model) {
                    asked++;
                    if (!o.isResolved()) {
                        declined++;
                    } else if (m != null && m.matchesNormalised()) {
                        matching++;
                    } else {
                        different++;
                    }
                }
            }
            for (dev.truce.llm.HunkCall c : r.modelCalls()) {
                calls++;
                in += c.usage().inputTokens();
                cached += c.usage().cachedInputTokens();
                outTokens += c.usage().outputTokens();
                latency += c.latencyMillis();
                cost += c.cost();
            }
        }
        return new ModelFigures(detResolved, detMatching, asked, matching, different, declined, calls, in, cached,
                outTokens, latency, cost);
    }

    /**
     * What the in-process checks did: how often each check rejected a hunk's resolution, and the files' precision
     * before the checks (what the strategies and the model's first answers gave) and after (what is committed).
     *
     * @param rejections  by check name, how many hunk resolutions it rejected
     * @param filesHit    files in which a check rejected something
     * @param before      resolved files before the checks
     * @param beforeMatch of those, matching the human's after normalisation
     * @param after       resolved files after the checks (the report's totals)
     * @param afterMatch  of those, matching
     */
    public record CheckFigures(Map<String, Integer> rejections, int filesHit, int before, int beforeMatch, int after,
            int afterMatch) {
    }

    /** The in-process checks' figures. */
    public CheckFigures checks() {
        Map<String, Integer> rejections = new TreeMap<>();
        int hit = 0;
        int before = 0;
        int beforeMatch = 0;
        for (CaseResult r : results) {
            r.rejectedBy().forEach(check -> rejections.merge(check, 1, Integer::sum));
            hit += r.rejectedBy().isEmpty() ? 0 : 1;
            if (r.unchecked() != null) {
                before++;
                beforeMatch += r.unchecked().matchesNormalised() ? 1 : 0;
            }
        }
        Figures f = files();
        return new CheckFigures(rejections, hit, before, beforeMatch, f.resolved(), f.matching());
    }

    /** {@code part / whole}, 0 for an empty whole. */
    static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
