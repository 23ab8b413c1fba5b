import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FileUtils;

/**
 * What the fetch of a pull request costs a job in memory: for each merge, a new empty repository (a cold replica, the
 * worst case) fetches the merge's two parents as a pull request's base and head, with the options Truce's
 * {@code PullRequestFetcher} uses (the depth of its first fetch, no tags), from a git server in another process. It
 * prints the pack received, the bytes the fetching thread allocated, the heap's peak above the heap before the fetch
 * (the peak includes garbage not yet collected: an upper bound of what the fetch needs at once) and the heap still
 * held after it (JGit's shared caches), and the medians. Not a test: it prints, it never fails. Run by
 * bench/fetch-memory.sh.
 *
 * <p>Arguments: URL COUNT DEPTH. The server has refs/heads/bench/ours-I and refs/heads/bench/theirs-I for I in
 * 0..COUNT-1.
 */
public class FetchMemory {

    private static final double MIB = 1024.0 * 1024.0;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int count = Integer.parseInt(args[1]);
        int depth = Integer.parseInt(args[2]);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        Path scratch = Files.createTempDirectory("truce-fetch-memory");
        List<double[]> rows = new ArrayList<>();
        try {
            fetch(url, 0, depth, scratch.resolve("warm-up")); // classes and JIT, not counted
            long idle = liveHeap();
            System.out.printf(Locale.ROOT, "fetches=%d depth=%d heap_before_mib=%.1f%n", count, depth, idle / MIB);
            for (int i = 0; i < count; i++) {
                long before = liveHeap();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                long pack = fetch(url, i, depth, scratch.resolve("r" + i));
                double ms = (System.nanoTime() - start) / 1e6;
                long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
                long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                long after = liveHeap();
                double[] row = {pack / MIB, allocated / MIB, (peak - before) / MIB, (after - idle) / MIB, ms};
                rows.add(row);
                System.out.printf(Locale.ROOT,
                        "fetch %d: pack_mib=%.1f allocated_mib=%.1f peak_heap_over_before_mib=%.1f held_after_mib=%.1f"
                                + " ms=%.0f%n", i, row[0], row[1], row[2], row[3], row[4]);
            }
        } finally {
            FileUtils.delete(scratch.toFile(), FileUtils.RECURSIVE);
        }
        System.out.printf(Locale.ROOT, "median_pack_mib=%.1f median_allocated_mib=%.1f median_peak_heap_over_before_mib"
                + "=%.1f max_peak_heap_over_before_mib=%.1f%n", median(rows, 0), median(rows, 1), median(rows, 2),
                rows.stream().mapToDouble(r -> r[2]).max().orElse(0));
    }

    /** Fetches pair {@code i} into a new repository at {@code dir}; the size of the packs it wrote. */
    private static long fetch(String url, int i, int depth, Path dir) throws Exception {
        File gitDir = dir.toFile();
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir).setBare().build()) {
            repository.create(true);
            Git.wrap(repository).fetch().setRemote(url)
                    .setRefSpecs(List.of(new RefSpec("+refs/heads/bench/ours-" + i + ":refs/truce/base/main"),
                            new RefSpec("+refs/heads/bench/theirs-" + i + ":refs/truce/pull/" + i + "/head")))
                    .setDepth(depth).setTagOpt(TagOpt.NO_TAGS).call();
        }
        try (Stream<Path> files = Files.walk(dir.resolve("objects/pack"))) {
            return files.filter(p -> p.toString().endsWith(".pack")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** The heap in use after a full collection. */
    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
