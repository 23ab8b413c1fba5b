package dev.truce.eval;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.resolve.Resolver;

/**
 * Times the phases of an eval run on the same cases and prints them beside a reference measured in the same
 * run: JGit's plain three-way {@link MergeAlgorithm} over every case's three versions. Ratios to the
 * reference travel between machines better than absolute times. Not a test: it prints, it never fails.
 */
public final class EvalBenchmark {

    private final List<EvalCase> cases;

    /** A benchmark over the given cases. */
    public EvalBenchmark(List<EvalCase> cases) {
        this.cases = List.copyOf(cases);
    }

    /** Runs one warm-up round and {@code rounds} measured rounds of each phase; prints the best round. */
    public void run(int rounds, PrintWriter out) {
        ConflictModelBuilder builder = new ConflictModelBuilder();
        Resolver resolver = new Resolver();
        EvalRunner runner = new EvalRunner(builder, resolver);
        List<ConflictedFile> models = new ArrayList<>();
        for (EvalCase c : cases) {
            try {
                models.add(builder.build(c.versions(), c.kind(), null));
            } catch (RuntimeException e) {
                // The eval counts such a case as an engine error; the strategies have nothing to time for it.
            }
        }
        long reference = best(rounds, this::plainMerges);
        long build = best(rounds, () -> {
            int n = 0;
            for (EvalCase c : cases) {
                try {
                    n += builder.build(c.versions(), c.kind(), null).segments().size();
                } catch (RuntimeException e) {
                    n--;
                }
            }
            return n;
        });
        long strategies = best(rounds, () -> {
            int n = 0;
            for (ConflictedFile f : models) {
                n += resolver.resolve(f).outcomes().size();
            }
            return n;
        });
        long whole = best(rounds, () -> {
            int n = 0;
            for (EvalCase c : cases) {
                n += runner.run(c).hunkMatches().size();
            }
            return n;
        });
        out.printf("eval benchmark: %d cases, best of %d rounds after 1 warm-up, %d cores%n", cases.size(), rounds,
                Runtime.getRuntime().availableProcessors());
        out.printf("%-44s %10s %12s %10s%n", "phase", "ms", "cases/s", "x ref");
        row(out, "reference: JGit MergeAlgorithm (histogram)", reference, reference);
        row(out, "model building (ConflictModelBuilder)", build, reference);
        row(out, "strategies alone (Resolver on built models)", strategies, reference);
        row(out, "whole case (build + resolve + score)", whole, reference);
    }

    private void row(PrintWriter out, String name, long nanos, long reference) {
        double ms = nanos / 1e6;
        out.printf("%-44s %10.1f %12.0f %10.2f%n", name, ms, cases.size() / (nanos / 1e9),
                (double) nanos / reference);
    }

    private int plainMerges() {
        MergeAlgorithm algorithm = new MergeAlgorithm(DiffAlgorithm.getAlgorithm(
                DiffAlgorithm.SupportedAlgorithm.HISTOGRAM));
        int n = 0;
        for (EvalCase c : cases) {
            byte[] ours = c.versions().ours();
            byte[] theirs = c.versions().theirs();
            if (ours == null || theirs == null) {
                continue;
            }
            byte[] base = c.versions().base() == null ? new byte[0] : c.versions().base();
            n += algorithm.merge(RawTextComparator.DEFAULT, new RawText(base), new RawText(ours),
                    new RawText(theirs)).getSequences().size();
        }
        return n;
    }

    /** The fastest of {@code rounds} timed runs, after one untimed warm-up run. */
    private static long best(int rounds, java.util.function.IntSupplier work) {
        int sink = work.getAsInt();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < Math.max(1, rounds); i++) {
            long t0 = System.nanoTime();
            sink += work.getAsInt();
            best = Math.min(best, System.nanoTime() - t0);
        }
        if (sink == 42) {
            // Keeps the JIT from discarding the work; the value itself is meaningless.
            System.getProperties().put("truce.bench.sink", sink);
        }
        return best;
    }
}
