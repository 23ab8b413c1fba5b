package dev.truce.eval;

import java.io.PrintWriter;
import java.util.List;

import dev.truce.eval.EvalReport.Baselines;
import dev.truce.eval.EvalReport.CheckFigures;
import dev.truce.eval.EvalReport.Figures;
import dev.truce.eval.EvalReport.ModelFigures;

/** {@code truce eval}'s readable report: an {@link EvalReport}'s figures as tables. */
public final class EvalReportText {

    private EvalReportText() {
    }

    /** Prints the report's figures as tables. */
    public static void print(EvalReport report, PrintWriter out) {
        Figures f = report.files();
        Figures h = report.hunks();
        out.printf("Truce eval: %d files, %d hunks%n", f.count(), h.count());
        report.skipped().forEach((what, n) -> out.printf("  %d %s skipped%n", n, what));
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
        Figures reach = report.reachableFiles();
        out.printf("Files whose human result keeps the merged text around the hunks (only these can be matched by"
                + " deciding hunks): %d of %d%n", reach.count(), f.count());
        out.printf("  on those: %d resolved, %d matching, precision %s, coverage %s%n%n", reach.resolved(),
                reach.matching(), pct(reach.precision()), pct(reach.coverage()));

        out.println("Baselines on the same cases (a baseline claims every file/hunk it can answer for)");
        out.printf("%-30s %7s %7s %7s %7s | %7s %7s %7s %7s%n", "", "files", "exact", "match", "prec",
                "hunks", "exact", "match", "prec");
        report.baselines().byLabel().forEach((name, b) -> {
            out.printf("%-30s %7d %7d %7d %7s | ", name, b.files(), b.filesExact(), b.filesMatch(),
                    pct(b.filePrecision()));
            if (!b.hasHunks()) {
                out.printf("%7s %7s %7s %7s%n", "-", "-", "-", "-");
            } else {
                out.printf("%7d %7d %7d %7s%n", b.hunks(), b.hunksExact(), b.hunksMatch(), pct(b.hunkPrecision()));
            }
        });
        out.println();

        out.println("By strategy (hunks it resolved; fully resolved files in which it was used)");
        out.printf("%-28s %7s %7s %7s %7s | %7s %7s %7s%n", "strategy", "hunks", "exact", "match", "prec",
                "files", "match", "prec");
        report.byStrategy().forEach((name, s) -> out.printf("%-28s %7d %7d %7d %7s | %7d %7d %7s%n", name,
                s.hunks(), s.hunksExact(), s.hunksMatch(), pct(s.hunkPrecision()), s.files(), s.filesMatch(),
                pct(s.filePrecision())));
        out.println();

        CheckFigures cf = report.checks();
        StringBuilder perCheck = new StringBuilder();
        cf.rejections().forEach((check, n) -> perCheck.append(perCheck.length() == 0 ? "" : ", ").append(check)
                .append(' ').append(n));
        out.printf("In-process checks: rejected %d hunk resolution(s) in %d file(s)%s%n",
                cf.rejections().values().stream().mapToInt(Integer::intValue).sum(), cf.filesHit(),
                perCheck.length() == 0 ? "" : " (" + perCheck + ")");
        out.printf("  files before the checks: %d resolved, %d matching (precision %s); after: %d resolved, %d"
                + " matching (precision %s)%n%n", cf.before(), cf.beforeMatch(), pct(EvalReport.ratio(cf.beforeMatch(),
                cf.before())), cf.after(), cf.afterMatch(), pct(EvalReport.ratio(cf.afterMatch(), cf.after())));

        ModelFigures mf = report.modelStage();
        if (mf.asked() > 0) {
            out.println("Stages (hunks)");
            out.printf("  deterministic strategies: %d resolved, %d matching (precision %s)%n",
                    mf.deterministicResolved(), mf.deterministicMatching(),
                    pct(EvalReport.ratio(mf.deterministicMatching(), mf.deterministicResolved())));
            out.printf("  model stage: %d asked: %d resolved and matching, %d resolved but different, %d declined"
                    + " (precision %s, coverage %s)%n", mf.asked(), mf.matching(), mf.different(), mf.declined(),
                    pct(EvalReport.ratio(mf.matching(), mf.matching() + mf.different())),
                    pct(EvalReport.ratio(mf.matching() + mf.different(), mf.asked())));
            out.printf("  model per hunk: %.0f tokens in (%.0f cached), %.0f out, %.0f ms; estimated cost %.4f%n%n",
                    mf.perHunk(mf.inputTokens()), mf.perHunk(mf.cachedTokens()), mf.perHunk(mf.outputTokens()),
                    mf.perHunk(mf.latencyMillis()), mf.cost());
        }

        out.println("By language (files | hunks | baselines: files matching with -X ours / -X theirs)");
        out.printf("%-14s %6s %6s %6s %6s %6s %6s %7s %7s | %6s %6s %6s %7s %7s | %6s %6s%n", "language", "files",
                "exact", "norm", "diff", "unres", "regen", "prec", "cover", "hunks", "match", "diff", "prec",
                "cover", "ours", "theirs");
        report.languages().forEach((lang, l) -> languageRow(out, lang, l.files(), l.hunks(), l.baselines()));
        languageRow(out, "TOTAL", f, h, report.baselines());

        List<CaseResult> errors = report.errors();
        if (!errors.isEmpty()) {
            out.println();
            out.println("Engine errors:");
            errors.stream().limit(20).forEach(r -> out.printf("  %s: %s%n", r.evalCase().id(), r.error()));
            if (errors.size() > 20) {
                out.printf("  ... and %d more (see the results file)%n", errors.size() - 20);
            }
        }
        if (!report.timingMillis().isEmpty()) {
            out.println();
            StringBuilder t = new StringBuilder("Time:");
            report.timingMillis().forEach((k, v) -> t.append(' ').append(k).append(' ').append(v).append(" ms,"));
            out.println(t.substring(0, t.length() - 1));
        }
    }

    private static void languageRow(PrintWriter out, String lang, Figures f, Figures h, Baselines b) {
        out.printf("%-14s %6d %6d %6d %6d %6d %6d %7s %7s | %6d %6d %6d %7s %7s | %6d %6d%n", lang, f.count(),
                f.exact(), f.normalised(), f.different(), f.unresolved(), f.regenerate(), pct(f.precision()),
                pct(f.coverage()), h.count(), h.matching(), h.different(), pct(h.precision()), pct(h.coverage()),
                b.oursHunks().filesMatch(), b.theirsHunks().filesMatch());
    }

    private static String pct(double v) {
        return String.format("%.1f%%", 100 * v);
    }
}
