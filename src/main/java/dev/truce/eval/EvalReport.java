package dev.truce.eval;

import java.io.PrintStream;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Aggregates case results into the figures Truce is judged by: per file and per hunk, by language and by
 * strategy, beside the take-ours and take-theirs baselines on the same cases. Prints them as a readable
 * report and writes them as a JSON summary.
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

        ObjectNode toJson(ObjectNode node) {
            node.put("count", count).put("resolved", resolved()).put("exact", exact).put("normalisedOnly", normalised)
                    .put("matching", matching()).put("different", different).put("unresolved", unresolved)
                    .put("regenerate", regenerate).put("errors", errors).put("precision", round(precision()))
                    .put("exactPrecision", round(exactPrecision())).put("coverage", round(coverage()));
            return node;
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

    /** The baselines over all cases, by name, Truce first for comparison. */
    public Map<String, BaselineFigures> baselines() {
        return baselines(results);
    }

    /** Per strategy, what it resolved and how much of it matches. */
    public Map<String, StrategyFigures> byStrategy() {
        Map<String, int[]> acc = new TreeMap<>();
        for (CaseResult r : results) {
            Set<String> used = new LinkedHashSet<>();
            List<HunkOutcome> outcomes = r.outcomes();
            for (int i = 0; i < outcomes.size(); i++) {
                HunkOutcome o = outcomes.get(i);
                if (!o.isResolved()) {
                    continue;
                }
                used.add(o.strategy());
                int[] a = acc.computeIfAbsent(o.strategy(), k -> new int[5]);
                Match m = r.hunkMatches().get(i);
                a[0]++;
                a[1] += m == Match.EXACT ? 1 : 0;
                a[2] += m != null && m.matchesNormalised() ? 1 : 0;
            }
            if (r.isResolved()) {
                for (String s : used) {
                    int[] a = acc.get(s);
                    a[3]++;
                    a[4] += r.normalisedMatch() ? 1 : 0;
                }
            }
        }
        Map<String, StrategyFigures> out = new TreeMap<>();
        acc.forEach((k, a) -> out.put(k, new StrategyFigures(a[0], a[1], a[2], a[3], a[4])));
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

    private static Map<String, BaselineFigures> baselines(List<CaseResult> group) {
        Map<String, BaselineFigures> out = new LinkedHashMap<>();
        Figures f = fileFigures(group);
        Figures h = hunkFigures(group);
        out.put("truce", new BaselineFigures(f.resolved(), f.exact(), f.matching(), h.resolved(), h.exact(),
                h.matching()));
        out.put("take ours hunks (-X ours)", hunkBaseline(group, CaseResult::oursHunks));
        out.put("take theirs hunks (-X theirs)", hunkBaseline(group, CaseResult::theirsHunks));
        out.put("take whole ours file", fileBaseline(group, CaseResult::oursFile));
        out.put("take whole theirs file", fileBaseline(group, CaseResult::theirsFile));
        return out;
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
            for (dev.truce.model.HunkCall c : r.modelCalls()) {
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

    /** Prints the report. */
    public void print(PrintStream out) {
        Figures f = files();
        Figures h = hunks();
        out.printf("Truce eval: %d files, %d hunks%n", f.count(), h.count());
        skipped.forEach((what, n) -> out.printf("  %d %s skipped%n", n, what));
        out.printf("  %d engine errors%n%n", f.errors());

        out.printf("%-28s %8s %8s%n", "outcome", "files", "hunks");
        out.printf("%-28s %8d %8d%n", "resolved, exact match", f.exact(), h.exact());
        out.printf("%-28s %8d %8d%n", "resolved, normalised match", f.normalised(), h.normalised());
        out.printf("%-28s %8d %8d%n", "resolved, different", f.different(), h.different());
        out.printf("%-28s %8d %8d%n", "not resolved", f.unresolved(), h.unresolved());
        out.printf("%-28s %8d %8d%n", "regenerate", f.regenerate(), h.regenerate());
        out.printf("%-28s %8d %8s%n", "engine error", f.errors(), "-");
        out.printf("%-28s %8s %8s%n", "precision (normalised)", pct(f.precision()), pct(h.precision()));
        out.printf("%-28s %8s %8s%n", "precision (exact)", pct(f.exactPrecision()), pct(h.exactPrecision()));
        out.printf("%-28s %8s %8s%n%n", "coverage", pct(f.coverage()), pct(h.coverage()));
        Figures reach = reachableFiles();
        out.printf("Files whose human result keeps the merged text around the hunks (only these can be matched by"
                + " deciding hunks): %d of %d%n", reach.count(), f.count());
        out.printf("  on those: %d resolved, %d matching, precision %s, coverage %s%n%n", reach.resolved(),
                reach.matching(), pct(reach.precision()), pct(reach.coverage()));

        out.println("Baselines on the same cases (a baseline claims every file/hunk it can answer for)");
        out.printf("%-30s %7s %7s %7s %7s | %7s %7s %7s %7s%n", "", "files", "exact", "match", "prec",
                "hunks", "exact", "match", "prec");
        baselines().forEach((name, b) -> {
            out.printf("%-30s %7d %7d %7d %7s | ", name, b.files(), b.filesExact(), b.filesMatch(),
                    pct(ratio(b.filesMatch(), b.files())));
            if (b.hunks() < 0) {
                out.printf("%7s %7s %7s %7s%n", "-", "-", "-", "-");
            } else {
                out.printf("%7d %7d %7d %7s%n", b.hunks(), b.hunksExact(), b.hunksMatch(),
                        pct(ratio(b.hunksMatch(), b.hunks())));
            }
        });
        out.println();

        out.println("By strategy (hunks it resolved; fully resolved files in which it was used)");
        out.printf("%-28s %7s %7s %7s %7s | %7s %7s %7s%n", "strategy", "hunks", "exact", "match", "prec",
                "files", "match", "prec");
        byStrategy().forEach((name, s) -> out.printf("%-28s %7d %7d %7d %7s | %7d %7d %7s%n", name, s.hunks(),
                s.hunksExact(), s.hunksMatch(), pct(ratio(s.hunksMatch(), s.hunks())), s.files(), s.filesMatch(),
                pct(ratio(s.filesMatch(), s.files()))));
        out.println();

        CheckFigures cf = checks();
        StringBuilder perCheck = new StringBuilder();
        cf.rejections().forEach((check, n) -> perCheck.append(perCheck.length() == 0 ? "" : ", ").append(check)
                .append(' ').append(n));
        out.printf("In-process checks: rejected %d hunk resolution(s) in %d file(s)%s%n",
                cf.rejections().values().stream().mapToInt(Integer::intValue).sum(), cf.filesHit(),
                perCheck.length() == 0 ? "" : " (" + perCheck + ")");
        out.printf("  files before the checks: %d resolved, %d matching (precision %s); after: %d resolved, %d"
                + " matching (precision %s)%n%n", cf.before(), cf.beforeMatch(), pct(ratio(cf.beforeMatch(),
                cf.before())), cf.after(), cf.afterMatch(), pct(ratio(cf.afterMatch(), cf.after())));

        ModelFigures mf = modelStage();
        if (mf.asked() > 0) {
            out.println("Stages (hunks)");
            out.printf("  deterministic strategies: %d resolved, %d matching (precision %s)%n",
                    mf.deterministicResolved(), mf.deterministicMatching(),
                    pct(ratio(mf.deterministicMatching(), mf.deterministicResolved())));
            out.printf("  model stage: %d asked: %d resolved and matching, %d resolved but different, %d declined"
                    + " (precision %s, coverage %s)%n", mf.asked(), mf.matching(), mf.different(), mf.declined(),
                    pct(ratio(mf.matching(), mf.matching() + mf.different())),
                    pct(ratio(mf.matching() + mf.different(), mf.asked())));
            out.printf("  model per hunk: %.0f tokens in (%.0f cached), %.0f out, %.0f ms; estimated cost %.4f%n%n",
                    mf.perHunk(mf.inputTokens()), mf.perHunk(mf.cachedTokens()), mf.perHunk(mf.outputTokens()),
                    mf.perHunk(mf.latencyMillis()), mf.cost());
        }

        out.println("By language (files | hunks | baselines: files matching with -X ours / -X theirs)");
        out.printf("%-14s %6s %6s %6s %6s %6s %6s %7s %7s | %6s %6s %6s %7s %7s | %6s %6s%n", "language", "files",
                "exact", "norm", "diff", "unres", "regen", "prec", "cover", "hunks", "match", "diff", "prec",
                "cover", "ours", "theirs");
        Map<String, Figures> hl = hunksByLanguage();
        Map<String, List<CaseResult>> groups = byLanguage();
        filesByLanguage().forEach((lang, lf) -> languageRow(out, lang, lf, hl.get(lang), baselines(groups.get(lang))));
        languageRow(out, "TOTAL", f, h, baselines());

        List<CaseResult> errors = errors();
        if (!errors.isEmpty()) {
            out.println();
            out.println("Engine errors:");
            errors.stream().limit(20).forEach(r -> out.printf("  %s: %s%n", r.evalCase().id(), r.error()));
            if (errors.size() > 20) {
                out.printf("  ... and %d more (see the results file)%n", errors.size() - 20);
            }
        }
        if (!timingMillis.isEmpty()) {
            out.println();
            StringBuilder t = new StringBuilder("Time:");
            timingMillis.forEach((k, v) -> t.append(' ').append(k).append(' ').append(v).append(" ms,"));
            out.println(t.substring(0, t.length() - 1));
        }
    }

    private static void languageRow(PrintStream out, String lang, Figures f, Figures h,
            Map<String, BaselineFigures> b) {
        out.printf("%-14s %6d %6d %6d %6d %6d %6d %7s %7s | %6d %6d %6d %7s %7s | %6d %6d%n", lang, f.count(),
                f.exact(), f.normalised(), f.different(), f.unresolved(), f.regenerate(), pct(f.precision()),
                pct(f.coverage()), h.count(), h.matching(), h.different(), pct(h.precision()), pct(h.coverage()),
                b.get("take ours hunks (-X ours)").filesMatch(), b.get("take theirs hunks (-X theirs)").filesMatch());
    }

    /** All figures as one JSON object, for {@code --summary}. */
    public ObjectNode toJson(JsonMapper json) {
        ObjectNode root = json.createObjectNode();
        ObjectNode totals = root.putObject("totals");
        files().toJson(totals.putObject("files"));
        hunks().toJson(totals.putObject("hunks"));
        reachableFiles().toJson(totals.putObject("filesWhereHumanKeptMergedText"));
        ObjectNode skip = root.putObject("skipped");
        skipped.forEach(skip::put);
        skip.put("engineErrors", files().errors());
        ObjectNode bl = root.putObject("baselines");
        baselines().forEach((name, b) -> baselineJson(bl.putObject(name), b));
        ObjectNode st = root.putObject("strategies");
        byStrategy().forEach((name, s) -> st.putObject(name).put("hunksResolved", s.hunks())
                .put("hunksExact", s.hunksExact()).put("hunksMatching", s.hunksMatch())
                .put("hunkPrecision", round(ratio(s.hunksMatch(), s.hunks())))
                .put("filesFullyResolved", s.files()).put("filesMatching", s.filesMatch())
                .put("filePrecision", round(ratio(s.filesMatch(), s.files()))));
        CheckFigures cf = checks();
        ObjectNode checks = root.putObject("checks");
        ObjectNode rejected = checks.putObject("rejectedHunkResolutions");
        cf.rejections().forEach(rejected::put);
        checks.put("filesWithRejections", cf.filesHit());
        checks.putObject("before").put("filesResolved", cf.before()).put("filesMatching", cf.beforeMatch())
                .put("filePrecision", round(ratio(cf.beforeMatch(), cf.before())));
        checks.putObject("after").put("filesResolved", cf.after()).put("filesMatching", cf.afterMatch())
                .put("filePrecision", round(ratio(cf.afterMatch(), cf.after())));
        ModelFigures mf = modelStage();
        if (mf.asked() > 0) {
            ObjectNode stages = root.putObject("stages");
            stages.putObject("deterministic").put("hunksResolved", mf.deterministicResolved())
                    .put("hunksMatching", mf.deterministicMatching());
            stages.putObject("model").put("hunksAsked", mf.asked()).put("resolvedMatching", mf.matching())
                    .put("resolvedDifferent", mf.different()).put("declined", mf.declined())
                    .put("hunksWithCalls", mf.calls()).put("inputTokens", mf.inputTokens())
                    .put("cachedInputTokens", mf.cachedTokens()).put("outputTokens", mf.outputTokens())
                    .put("inputTokensPerHunk", round(mf.perHunk(mf.inputTokens())))
                    .put("cachedInputTokensPerHunk", round(mf.perHunk(mf.cachedTokens())))
                    .put("outputTokensPerHunk", round(mf.perHunk(mf.outputTokens())))
                    .put("latencyMillisPerHunk", round(mf.perHunk(mf.latencyMillis())))
                    .put("estimatedCost", mf.cost());
        }
        ObjectNode langs = root.putObject("languages");
        Map<String, Figures> hl = hunksByLanguage();
        Map<String, List<CaseResult>> groups = byLanguage();
        filesByLanguage().forEach((lang, lf) -> {
            ObjectNode l = langs.putObject(lang);
            lf.toJson(l.putObject("files"));
            hl.get(lang).toJson(l.putObject("hunks"));
            ObjectNode lb = l.putObject("baselines");
            baselines(groups.get(lang)).forEach((name, b) -> baselineJson(lb.putObject(name), b));
        });
        ObjectNode timing = root.putObject("timingMillis");
        timingMillis.forEach(timing::put);
        var errs = root.putArray("errors");
        errors().forEach(r -> errs.addObject().put("id", r.evalCase().id()).put("error", r.error()));
        return root;
    }

    private static void baselineJson(ObjectNode node, BaselineFigures b) {
        node.put("files", b.files()).put("filesExact", b.filesExact()).put("filesMatching", b.filesMatch())
                .put("filePrecision", round(ratio(b.filesMatch(), b.files())));
        if (b.hunks() >= 0) {
            node.put("hunks", b.hunks()).put("hunksExact", b.hunksExact()).put("hunksMatching", b.hunksMatch())
                    .put("hunkPrecision", round(ratio(b.hunksMatch(), b.hunks())));
        }
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static String pct(double v) {
        return String.format("%.1f%%", 100 * v);
    }
}
