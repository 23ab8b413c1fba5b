package dev.truce.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;

import dev.truce.eval.HistoryCases;
import dev.truce.history.Calibration;
import dev.truce.history.Calibrator;
import dev.truce.strategy.ReceivingSide;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code truce calibrate}: replays a repository's own earlier conflicted merges, measures every strategy's precision
 * there and says which stay on and which are off for this repository, with the figures.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Measure every strategy on a repository's own earlier conflicted merges and say which to trust"
                + " there (on where right in at least 98%% of at least 10 decisions, off below, the default chain"
                + " where there are fewer).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:calibrated", "2:bad usage or unreadable input (not a repository, unknown revision)",
            "3:internal failure (I/O error)"})
public final class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "PATH", required = true,
            description = "The local repository whose history to replay (its work tree or git directory).")
    Path repo;

    @Option(names = "--rev", paramLabel = "REV", defaultValue = "HEAD",
            description = "Walk back from this revision (default: ${DEFAULT-VALUE}).")
    String rev;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "200",
            description = "Replay at most the N latest two-parent merges (default: ${DEFAULT-VALUE}; 0: all).")
    int limit;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the calibration as JSON here.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 0) {
            err.println("truce calibrate: --limit must be 0 or more, not " + limit);
            return ExitCodes.INPUT;
        }
        HistoryCases.Scan scan;
        try (Repository repository = HistoryCases.open(repo.toFile())) {
            scan = HistoryCases.scan(repository, rev, null, limit);
        } catch (RepositoryNotFoundException e) {
            err.println("truce calibrate: " + repo + " is not a git repository (give its work tree or .git)");
            return ExitCodes.INPUT;
        } catch (IllegalArgumentException e) {
            err.println("truce calibrate: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        Calibration calibration = new Calibrator().calibrate(repo.toString(), scan.cases(), ReceivingSide.OURS);
        print(stdout, calibration, scan.merges());
        if (out != null) {
            Files.writeString(out, calibration.toJson() + "\n");
            stdout.println("calibration written to " + out);
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /**
     * The calibration in {@code file}.
     *
     * @throws IllegalArgumentException when it cannot be read or is no calibration, saying which file
     */
    static Calibration read(Path file) {
        try {
            return Calibration.fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read calibration " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is " + e.getMessage(), e);
        }
    }

    static void print(PrintWriter out, Calibration c, int replayed) {
        out.printf("Calibration of %s: %d merges replayed, %d conflicted files in %d of them%n", c.source(), replayed,
                c.cases(), c.merges());
        out.printf(Locale.ROOT, "rule: on where right in at least %.0f%% of at least %d decisions (per file kind;"
                + " kinds with fewer judged together), off below; fewer decisions: the default chain%n%n",
                100 * c.thresholds().minPrecision(), c.thresholds().minDecisions());
        out.printf("%-22s %-14s %9s %7s %8s  %s%n", "strategy", "files", "decisions", "right", "prec", "decision");
        for (Calibration.StrategyCalibration s : c.strategies()) {
            for (Map.Entry<String, Calibration.Tally> kind : new java.util.TreeMap<>(s.byKind()).entrySet()) {
                Calibration.Tally t = kind.getValue();
                out.printf(Locale.ROOT, "%-22s %-14s %9d %7d %7.1f%%  %s%n", s.strategy(), kind.getKey(),
                        t.decisions(), t.right(), 100 * t.precision(), decision(s.decisionFor(kind.getKey()),
                                s.kinds().containsKey(kind.getKey())));
            }
        }
        out.println();
        var changes = c.changes();
        if (changes.isEmpty()) {
            out.println("No change to the default chain: no strategy was wrong often enough here to turn it off.");
        } else {
            out.println("Changes to the default chain for this repository:");
            changes.forEach(line -> out.println("  " + line));
        }
        out.println();
        out.println("Closest .github/truce.yml (whole strategies; the calibration itself switches per file kind):");
        out.print(c.suggestedConfig());
    }

    private static String decision(Calibration.Decision d, boolean ownKind) {
        String scope = ownKind ? "" : " (judged with the other small kinds)";
        return switch (d) {
            case ON -> "on" + scope;
            case OFF -> "off" + scope;
            case DEFAULT -> "default chain (too few decisions)";
        };
    }
}
