package dev.truce.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge benchmark and the three memory benchmarks (a job's engine work, a pull request's fetch, whole jobs in
 * {@code truce serve}) run end to end on a small synthetic repository (quick settings) and end with their summary
 * lines. Their figures are not checked: benchmarks, not timed tests.
 */
class MergeBenchIT {

    @TempDir
    Path dir;

    @Test
    void theBenchmarkRunsOnTheSyntheticRepositoryAndPrintsTheMedianRatioLast() throws Exception {
        Path repo = dir.resolve("large.git");
        String created = run(List.of("sh", "fixtures/large-repo.sh", repo.toString(), "300", "2"), "");
        assertThat(created).contains("2 merges on main");

        String out = run(List.of("sh", "bench/merge-bench.sh", repo.toString(), "2"),
                "target/classes" + File.pathSeparator + System.getProperty("java.class.path"));

        List<String> lines = out.lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("median_ratio=\\d+\\.\\d\\d");
        assertThat(out).contains("merges=2 rounds=1");

        String memory = run(List.of("sh", "bench/job-memory.sh", repo.toString(), "2", "1", "2"),
                "target/classes" + File.pathSeparator + System.getProperty("java.class.path"));
        List<String> memoryLines = memory.lines().toList();
        assertThat(memoryLines.get(memoryLines.size() - 1)).matches("median_live_mib_per_job=-?\\d+\\.\\d");
        assertThat(memory).contains("merges=2 conflicted_files=");

        String fetch = run(List.of("sh", "bench/fetch-memory.sh", repo.toString(), "2"),
                "target/classes" + File.pathSeparator + System.getProperty("java.class.path"));
        List<String> fetchLines = fetch.lines().toList();
        assertThat(fetchLines.get(fetchLines.size() - 1)).startsWith("median_pack_mib=");
        assertThat(fetch).contains("fetches=2 depth=50").contains("fetch 1: pack_mib=");

        String jobs = run(List.of("sh", "bench/serve-jobs.sh", repo.toString(), "2"),
                "target/test-classes" + File.pathSeparator + "target/classes" + File.pathSeparator
                        + System.getProperty("java.class.path"));
        List<String> jobLines = jobs.lines().toList();
        assertThat(jobLines.get(jobLines.size() - 1)).startsWith("idle_rss_mib=").contains(" heap_live_after_mib=");
        assertThat(jobs).contains("pull_requests=2 threads=4").contains("job 1 (pull request 1001): ms=")
                .contains("all 2 at once: ms=").contains(" cpu_ms=").contains("failed_runs=0");
    }

    private String run(List<String> command, String classPath) throws Exception {
        File out = dir.resolve("out.txt").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out);
        builder.environment().put("ROUNDS", "1");
        builder.environment().put("WARMUP", "0");
        if (!classPath.isEmpty()) {
            builder.environment().put("TRUCE_BENCH_CP", classPath);
        }
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            // The script's java and the service it started, not only the shell: nothing may outlive the test.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 300 s; its output:\n"
                    + Files.readString(out.toPath(), StandardCharsets.UTF_8));
        }
        String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }
}
