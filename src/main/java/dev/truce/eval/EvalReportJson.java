package dev.truce.eval;

import dev.truce.eval.EvalReport.BaselineFigures;
import dev.truce.eval.EvalReport.CheckFigures;
import dev.truce.eval.EvalReport.Figures;
import dev.truce.eval.EvalReport.ModelFigures;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code truce eval --summary}: an {@link EvalReport}'s figures as one JSON object. Other scripts and the docs read
 * its keys, so their names and order stay as they are.
 */
public final class EvalReportJson {

    private EvalReportJson() {
    }

    /** All figures as one JSON object, for {@code --summary}. */
    public static ObjectNode toJson(EvalReport report, JsonMapper json) {
        ObjectNode root = json.createObjectNode();
        ObjectNode totals = root.putObject("totals");
        figures(totals.putObject("files"), report.files());
        figures(totals.putObject("hunks"), report.hunks());
        figures(totals.putObject("filesWhereHumanKeptMergedText"), report.reachableFiles());
        ObjectNode skip = root.putObject("skipped");
        report.skipped().forEach(skip::put);
        skip.put("engineErrors", report.files().errors());
        ObjectNode bl = root.putObject("baselines");
        report.baselines().byLabel().forEach((name, b) -> baselineJson(bl.putObject(name), b));
        ObjectNode st = root.putObject("strategies");
        report.byStrategy().forEach((name, s) -> st.putObject(name).put("hunksResolved", s.hunks())
                .put("hunksExact", s.hunksExact()).put("hunksMatching", s.hunksMatch())
                .put("hunkPrecision", round(s.hunkPrecision()))
                .put("filesFullyResolved", s.files()).put("filesMatching", s.filesMatch())
                .put("filePrecision", round(s.filePrecision())));
        CheckFigures cf = report.checks();
        ObjectNode checks = root.putObject("checks");
        ObjectNode rejected = checks.putObject("rejectedHunkResolutions");
        cf.rejections().forEach(rejected::put);
        checks.put("filesWithRejections", cf.filesHit());
        checks.putObject("before").put("filesResolved", cf.before()).put("filesMatching", cf.beforeMatch())
                .put("filePrecision", round(EvalReport.ratio(cf.beforeMatch(), cf.before())));
        checks.putObject("after").put("filesResolved", cf.after()).put("filesMatching", cf.afterMatch())
                .put("filePrecision", round(EvalReport.ratio(cf.afterMatch(), cf.after())));
        ModelFigures mf = report.modelStage();
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
        report.languages().forEach((lang, figures) -> {
            ObjectNode l = langs.putObject(lang);
            figures(l.putObject("files"), figures.files());
            figures(l.putObject("hunks"), figures.hunks());
            ObjectNode lb = l.putObject("baselines");
            figures.baselines().byLabel().forEach((name, b) -> baselineJson(lb.putObject(name), b));
        });
        ObjectNode timing = root.putObject("timingMillis");
        report.timingMillis().forEach(timing::put);
        var errs = root.putArray("errors");
        report.errors().forEach(r -> errs.addObject().put("id", r.evalCase().id()).put("error", r.error()));
        return root;
    }

    private static void baselineJson(ObjectNode node, BaselineFigures b) {
        node.put("files", b.files()).put("filesExact", b.filesExact()).put("filesMatching", b.filesMatch())
                .put("filePrecision", round(b.filePrecision()));
        if (b.hasHunks()) {
            node.put("hunks", b.hunks()).put("hunksExact", b.hunksExact()).put("hunksMatching", b.hunksMatch())
                    .put("hunkPrecision", round(b.hunkPrecision()));
        }
    }

    private static void figures(ObjectNode node, Figures f) {
        node.put("count", f.count()).put("resolved", f.resolved()).put("exact", f.exact())
                .put("normalisedOnly", f.normalised()).put("matching", f.matching()).put("different", f.different())
                .put("unresolved", f.unresolved()).put("regenerate", f.regenerate()).put("errors", f.errors())
                .put("precision", round(f.precision())).put("exactPrecision", round(f.exactPrecision()))
                .put("coverage", round(f.coverage()));
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
