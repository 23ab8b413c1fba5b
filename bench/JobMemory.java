import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.truce.engine.FileResolver;
import dev.truce.engine.MergeRequest;
import dev.truce.engine.MergeResolver;
import dev.truce.engine.ResolvedMerge;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.RepositoryMerge;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.Strategies;
import dev.truce.validate.FileChecks;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * What one running job holds in memory: K jobs run the engine's work of a pull request at once (the in-core merge of
 * its two commits, the conflict models, the strategies and the in-process checks; no model, no build), and each
 * stops at its end still holding everything it made. The heap is then measured after a full collection and compared
 * with the same process's heap just before them, after a warm-up that filled JGit's shared caches:
 * {@code (heap with K jobs held - heap before) / K} is the live memory per running job. Each job's allocation (its
 * thread's allocated bytes) is printed beside it. Not a test: it prints, it never fails. Run by bench/job-memory.sh.
 *
 * <p>Arguments: REPO MERGES-FILE [CONCURRENCY...] (default 1 2 4). MERGES-FILE has one "OURS THEIRS" pair a line.
 */
public class JobMemory {

    public static void main(String[] args) throws Exception {
        File repoDir = new File(args[0]);
        List<String[]> pairs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2) {
                pairs.add(new String[] {f[0], f[1]});
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no merges in " + args[1]);
        }
        int[] levels = args.length > 2
                ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {1, 2, 4};
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Repository repository = new FileRepositoryBuilder().findGitDir(repoDir).setMustExist(true).build()) {
            RepositoryMerge merge = new RepositoryMerge(repository);
            int conflicted = 0;
            for (String[] pair : pairs) { // warm-up: classes, JIT, JGit's window and delta caches (shared by all jobs)
                conflicted += job(merge, pair).computed().conflicts().size();
            }
            System.out.printf(Locale.ROOT, "merges=%d conflicted_files=%d heap_before_jobs_mib=%.1f%n", pairs.size(),
                    conflicted, liveHeap(memory) / MIB);
            System.out.printf(Locale.ROOT, "%11s %8s %15s %20s %20s%n", "concurrency", "groups", "live_mib_per_job",
                    "max_live_mib_per_job", "alloc_mib_per_job");
            for (int k : levels) {
                List<Double> live = new ArrayList<>();
                List<Double> allocated = new ArrayList<>();
                for (int first = 0; first + k <= pairs.size(); first += k) {
                    long before = liveHeap(memory); // per group: what the groups before left behind is not counted
                    CountDownLatch done = new CountDownLatch(k);
                    CountDownLatch release = new CountDownLatch(1);
                    AtomicReferenceArray<Object> held = new AtomicReferenceArray<>(k);
                    long[] alloc = new long[k];
                    List<Thread> running = new ArrayList<>();
                    for (int j = 0; j < k; j++) {
                        String[] pair = pairs.get(first + j);
                        int slot = j;
                        Thread t = new Thread(() -> {
                            long start = threads.getCurrentThreadAllocatedBytes();
                            try {
                                held.set(slot, job(merge, pair));
                            } catch (Exception e) {
                                held.set(slot, e);
                            }
                            alloc[slot] = threads.getCurrentThreadAllocatedBytes() - start;
                            done.countDown();
                            try {
                                release.await(); // the job's results stay reachable until measured
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
                        t.start();
                        running.add(t);
                    }
                    done.await();
                    long with = liveHeap(memory);
                    for (int j = 0; j < k; j++) {
                        if (held.get(j) instanceof Exception e) {
                            throw e;
                        }
                        allocated.add(alloc[j] / MIB);
                    }
                    live.add((with - before) / MIB / k);
                    release.countDown();
                    for (Thread t : running) {
                        t.join();
                    }
                }
                System.out.printf(Locale.ROOT, "%11d %8d %15.1f %20.1f %20.1f%n", k, live.size(), median(live),
                        live.stream().mapToDouble(Double::doubleValue).max().orElse(0), median(allocated));
                if (k == levels[levels.length - 1]) {
                    System.out.printf(Locale.ROOT, "median_live_mib_per_job=%.1f%n", median(live));
                }
            }
        }
    }

    private static final double MIB = 1024.0 * 1024.0;

    /** What a job holds at its end: the merge it computed and its resolution. */
    private record Held(ComputedMerge computed, ResolvedMerge resolved) {
    }

    /** The pull request's engine work, as a job does it (no model is configured). */
    private static Held job(RepositoryMerge merge, String[] pair) throws Exception {
        ComputedMerge computed = merge.compute(pair[0], pair[1]);
        FileResolver files = new FileResolver(new Resolver(Strategies.defaults()), null, new FileChecks(), 0);
        return new Held(computed, new MergeResolver(files).resolve(computed, MergeRequest.LOCAL));
    }

    private static long liveHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
