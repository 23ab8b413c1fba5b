package dev.truce.eval;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Aggregates case results into the figures Truce is judged by and prints them as a readable table. */
public final class EvalReport {

    private final List<CaseResult> results;

    /** A report over the given results. */
    public EvalReport(List<CaseResult> results) {
        this.results = List.copyOf(results);
    }

    /** File-level figures for one group of cases. */
    public record FileFigures(int files, int resolved, int exact, int normalised, int oursBaseline,
            int theirsBaseline) {

        /** Share of resolved files that match the human after normalisation. */
        public double precision() {
            return resolved == 0 ? 0 : (double) normalised / resolved;
        }

        /** Share of all files that Truce resolved. */
        public double coverage() {
            return files == 0 ? 0 : (double) resolved / files;
        }
    }

    /** Figures over all cases. */
    public FileFigures total() {
        return figures(results);
    }

    /** Figures per language label. */
    public Map<String, FileFigures> byLanguage() {
        return grouped(r -> r.evalCase().language());
    }

    private Map<String, FileFigures> grouped(Function<CaseResult, String> key) {
        Map<String, List<CaseResult>> groups = new TreeMap<>();
        for (CaseResult r : results) {
            groups.computeIfAbsent(key.apply(r), k -> new java.util.ArrayList<>()).add(r);
        }
        Map<String, FileFigures> out = new TreeMap<>();
        groups.forEach((k, v) -> out.put(k, figures(v)));
        return out;
    }

    private static FileFigures figures(List<CaseResult> group) {
        int resolved = 0;
        int exact = 0;
        int normalised = 0;
        int ours = 0;
        int theirs = 0;
        for (CaseResult r : group) {
            if (r.isResolved()) {
                resolved++;
                exact += r.exactMatch() ? 1 : 0;
                normalised += r.normalisedMatch() ? 1 : 0;
            }
            String human = r.evalCase().human();
            byte[] o = r.evalCase().versions().ours();
            byte[] t = r.evalCase().versions().theirs();
            ours += o != null && TextComparison.normalisedEquals(new String(o, java.nio.charset.StandardCharsets.UTF_8), human) ? 1 : 0;
            theirs += t != null && TextComparison.normalisedEquals(new String(t, java.nio.charset.StandardCharsets.UTF_8), human) ? 1 : 0;
        }
        return new FileFigures(group.size(), resolved, exact, normalised, ours, theirs);
    }

    /** Prints the report. */
    public void print(PrintStream out) {
        out.printf("%-14s %6s %9s %7s %7s %10s %9s %7s %7s%n", "language", "files", "resolved", "exact", "norm",
                "precision", "coverage", "ours", "theirs");
        byLanguage().forEach((k, f) -> row(out, k, f));
        row(out, "TOTAL", total());
    }

    private static void row(PrintStream out, String name, FileFigures f) {
        out.printf("%-14s %6d %9d %7d %7d %9.1f%% %8.1f%% %7d %7d%n", name, f.files(), f.resolved(), f.exact(),
                f.normalised(), 100 * f.precision(), 100 * f.coverage(), f.oursBaseline(), f.theirsBaseline());
    }
}
