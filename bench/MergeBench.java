import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.truce.merge.ComputedMerge;
import dev.truce.merge.PathConflict;
import dev.truce.merge.RepositoryMerge;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Times Truce's in-process way to the conflict model (JGit's in-core merge, the conflict scan, the conflict models)
 * beside {@code git merge-tree --write-tree} on the same merges, in the same run, and prints one line per merge, the
 * medians and, last, {@code median_ratio=R}. Not a test: it prints, it never fails. Run by bench/merge-bench.sh.
 *
 * <p>Arguments: REPO MERGES-FILE ROUNDS [WARMUP]. MERGES-FILE has one "OURS THEIRS" pair of commit ids a line. Each
 * round merges every pair once; the first WARMUP rounds (default 2) are not counted, so the figures are for a warm
 * JVM, as in {@code truce serve} or {@code truce eval --repo}. git runs as a new process per merge, start included.
 * Truce's merges of one repository share one open {@link Repository}, as a service's would.
 */
public class MergeBench {

    public static void main(String[] args) throws Exception {
        File repoDir = new File(args[0]);
        List<String[]> pairs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2) {
                pairs.add(new String[] {f[0], f[1]});
            }
        }
        int rounds = Integer.parseInt(args[2]);
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no merges in " + args[1]);
        }
        long[][] truce = new long[pairs.size()][rounds];
        long[][] git = new long[pairs.size()][rounds];
        int[] conflicts = new int[pairs.size()];
        long firstRound = 0;
        try (Repository repository = new FileRepositoryBuilder().findGitDir(repoDir).setMustExist(true).build()) {
            RepositoryMerge merge = new RepositoryMerge(repository);
            for (int r = -warmup; r < rounds; r++) {
                for (int i = 0; i < pairs.size(); i++) {
                    long start = System.nanoTime();
                    ComputedMerge computed = merge.compute(pairs.get(i)[0], pairs.get(i)[1]);
                    long elapsed = System.nanoTime() - start;
                    conflicts[i] = computed.conflicts().size();
                    long hunks = 0;
                    for (PathConflict c : computed.conflicts()) {
                        hunks += c.file().hunks().size();
                    }
                    if (r == -warmup) {
                        firstRound += elapsed;
                    }
                    long gitElapsed = gitMergeTree(repository.getDirectory(), pairs.get(i));
                    if (r >= 0) {
                        truce[i][r] = elapsed;
                        git[i][r] = gitElapsed;
                    }
                    if (hunks < 0) {
                        throw new AssertionError();
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-9s %-9s %9s %9s %7s %9s%n", "ours", "theirs", "truce_ms", "git_ms", "ratio",
                "conflicts");
        double[] truceMedians = new double[pairs.size()];
        double[] gitMedians = new double[pairs.size()];
        double[] ratios = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            truceMedians[i] = median(truce[i]) / 1e6;
            gitMedians[i] = median(git[i]) / 1e6;
            ratios[i] = truceMedians[i] / gitMedians[i];
            System.out.printf(Locale.ROOT, "%-9.9s %-9.9s %9.1f %9.1f %7.2f %9d%n", pairs.get(i)[0], pairs.get(i)[1],
                    truceMedians[i], gitMedians[i], ratios[i], conflicts[i]);
        }
        double truceMedian = median(truceMedians);
        double gitMedian = median(gitMedians);
        System.out.printf(Locale.ROOT, "merges=%d rounds=%d (after %d warm-up) first_round_truce_ms_per_merge=%.1f%n",
                pairs.size(), rounds, warmup, firstRound / 1e6 / pairs.size());
        System.out.printf(Locale.ROOT, "median_truce_ms=%.1f median_git_ms=%.1f median_of_ratios=%.2f%n", truceMedian,
                gitMedian, median(ratios));
        System.out.printf(Locale.ROOT, "median_ratio=%.2f%n", truceMedian / gitMedian);
    }

    private static long gitMergeTree(File gitDir, String[] pair) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("git", "--git-dir=" + gitDir.getAbsolutePath(), "merge-tree",
                "--write-tree", "--no-messages", pair[0], pair[1]);
        // git writes the merged trees and blobs: into a scratch object directory, the repository's read behind it.
        pb.environment().put("GIT_OBJECT_DIRECTORY", scratchObjects().toString());
        pb.environment().put("GIT_ALTERNATE_OBJECT_DIRECTORIES", new File(gitDir, "objects").getAbsolutePath());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = pb.start();
        int status = process.waitFor();
        long elapsed = System.nanoTime() - start;
        if (status > 1) {
            throw new IOException("git merge-tree failed (" + status + ") on " + pair[0] + " " + pair[1]);
        }
        return elapsed;
    }

    private static Path scratch;

    private static Path scratchObjects() throws IOException {
        if (scratch == null) {
            scratch = Files.createTempDirectory("merge-bench-objects");
            scratch.toFile().deleteOnExit();
        }
        return scratch;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
