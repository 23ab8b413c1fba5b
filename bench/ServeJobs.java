import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import dev.truce.github.TestKeys;
import dev.truce.testing.FakeGitHubApi;
import dev.truce.testing.GitHttpServer;
import dev.truce.testing.TruceProcess;

/**
 * What whole jobs cost {@code truce serve} in memory: the real service (the given launcher, in its own process) resolves
 * pull requests end to end against a fake GitHub (WireMock, {@link FakeGitHubApi}) and a real git smart-HTTP server
 * ({@link GitHttpServer}) serving the merges' parents: signed webhook in, cold fetch, merge, strategies and checks, fix
 * branch pushed, fix pull request or comment out. Hunks no strategy resolves go to a model on the fake's port (unless
 * {@code MODEL=0}) whose every answer breaks the answer protocol, so each is asked, asked again in the repair rounds
 * and declined: the prompts are built and sent in full, the most a model stage costs a job without a real model.
 * The service's resident memory ({@code VmRSS}) is sampled every 20 ms and its heap (Prometheus) every 250 ms.
 *
 * <p>It prints the idle figures, then one job at a time (each pull request alone: its time, the service's CPU time,
 * its peak above the resident memory before it, the heap's peak, what GitHub was asked for), then all pull requests
 * at once (as many at a time as the service's job threads), then the memory once the queue is empty. Not a test:
 * it prints, it never judges. Run by bench/serve-jobs.sh.
 *
 * <p>Arguments: GITDIR COUNT LAUNCHER... GITDIR holds refs/heads/bench/base-I and refs/heads/bench/head-I for I in
 * 0..COUNT-1 (a pull request from head-I into base-I); pull request refs are added to it.
 */
public class ServeJobs {

    private static final double MIB = 1024.0 * 1024.0;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
    /** How often the waits ask the service whether its jobs ended. */
    private static final long POLL_MILLIS = 200;
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? ([0-9.eE+-]+|NaN)$",
            Pattern.MULTILINE);

    public static void main(String[] args) throws Exception {
        Path gitDir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        List<String> launcher = List.of(args).subList(2, args.length);
        Path work = Files.createTempDirectory("truce-serve-jobs");
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
                FakeGitHubApi github = FakeGitHubApi.start();
                GitHttpServer git = GitHttpServer.startWithGit(work)) {
            List<Pr> alone = new ArrayList<>();
            List<Pr> together = new ArrayList<>();
            try (RevWalk walk = new RevWalk(repository)) {
                for (int i = 0; i < count; i++) {
                    RevCommit base = walk.parseCommit(repository.resolve("refs/heads/bench/base-" + i));
                    RevCommit head = walk.parseCommit(repository.resolve("refs/heads/bench/head-" + i));
                    alone.add(pullRequest(repository, github, 1000 + i, i, base, head));
                    together.add(pullRequest(repository, github, 2000 + i, i, base, head));
                }
            }
            git.requireToken(github.token).serve("octocat", "Hello-World", repository);
            boolean model = !"0".equals(System.getenv("MODEL"));
            Map<String, String> environment = new HashMap<>();
            environment.put("TRUCE_GITHUB_APPID", "4242");
            environment.put("TRUCE_GITHUB_PRIVATEKEYFILE",
                    Files.writeString(work.resolve("app.pem"), TestKeys.generated().pkcs1Pem()).toString());
            environment.put("TRUCE_GITHUB_WEBHOOKSECRET", "whsec-" + UUID.randomUUID());
            environment.put("TRUCE_GITHUB_APIURL", github.url());
            environment.put("TRUCE_GITHUB_GITURL", "http://127.0.0.1:" + git.port());
            environment.put("TRUCE_DATADIR", work.resolve("data").toString());
            environment.put("TRUCE_JOBS_POLLINTERVAL", "100ms");
            environment.put("TRUCE_JOBS_MAXRETRIES", "0");
            environment.put("TRUCE_CALIBRATION_ENABLED", "false"); // jobs of pull requests only
            String threads = System.getenv().getOrDefault("THREADS", "4");
            environment.put("TRUCE_JOBS_THREADS", threads);
            if (model) {
                // A model on the fake's own port whose every answer breaks the protocol: each batch of hunks is
                // asked, asked again (the repair rounds), then declined; the prompts are built and sent in full.
                github.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        "/v1/chat/completions").willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        dev.truce.testing.TestResource.text("/llm/openai/success.json"))));
                Path models = Files.writeString(work.resolve("models.yml"), "models:\n  bench:\n"
                        + "    provider: openai\n    base-url: " + github.url() + "/v1\n    model: bench\n"
                        + "    local: true\n");
                environment.put("TRUCE_MODELS_FILE", models.toString());
                github.repoConfig("models: [bench]\n");
            }
            try (TruceProcess truce = TruceProcess.start(launcher, environment, work.resolve("serve.log"))) {
                // Interrupted (Ctrl-C, a timeout's SIGTERM), this JVM runs no finally: the service must not outlive it.
                Thread stop = new Thread(() -> {
                    try {
                        truce.kill();
                    } catch (InterruptedException | RuntimeException e) {
                        System.err.println("could not stop the service: " + e);
                    }
                }, "stop-truce");
                Runtime.getRuntime().addShutdownHook(stop);
                run(truce, github, alone, together, threads + (model ? " model=bench" : " model=none"), launcher);
            }
        } finally {
            org.eclipse.jgit.util.FileUtils.delete(work.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE
                    | org.eclipse.jgit.util.FileUtils.SKIP_MISSING);
        }
    }

    private static void run(TruceProcess truce, FakeGitHubApi github, List<Pr> alone, List<Pr> together,
            String threads, List<String> launcher) throws Exception {
        long jvm = truce.jvmPid();
        Sampler sampler = new Sampler(truce, jvm);
        sampler.start();
        Thread.sleep(5_000);
        long idleRss = rss(jvm);
        // What this benchmark's own polling costs the idle service (the heap samples and the waits' scrapes of
        // /actuator/prometheus): it is part of every cpu_ms below.
        long idleCpu = cpuMillis(jvm);
        long idleBegan = System.nanoTime();
        while (System.nanoTime() - idleBegan < 5_000_000_000L) {
            Metrics.of(truce);
            Thread.sleep(POLL_MILLIS);
        }
        long pollingCpuPerSecond = (cpuMillis(jvm) - idleCpu) * 1_000_000_000L / (System.nanoTime() - idleBegan);
        Metrics idle = collect(truce, jvm);
        System.out.printf(Locale.ROOT, "pull_requests=%d threads=%s launcher=%s load=%s%n", alone.size(), threads,
                String.join(" ", launcher), load());
        System.out.printf(Locale.ROOT, "idle: rss_mib=%.1f; after a full collection: rss_mib=%.1f heap_used_mib=%.1f;"
                + " the benchmark's polling: cpu_ms_per_s=%d (included in every cpu_ms)%n", idleRss / MIB,
                rss(jvm) / MIB, idle.heap / MIB, pollingCpuPerSecond);

        double firstRise = 0;
        double onePeak = 0;
        double runs = idle.runs;
        for (int i = 0; i < alone.size(); i++) {
            Pr pr = alone.get(i);
            long before = rss(jvm);
            int calls = modelCalls(github);
            sampler.reset();
            long cpuBefore = cpuMillis(jvm);
            long began = System.nanoTime();
            send(truce, pr);
            runs = awaitQuiet(truce, runs + 1);
            long ms = (System.nanoTime() - began) / 1_000_000;
            long cpu = cpuMillis(jvm) - cpuBefore;
            Metrics after = Metrics.of(truce);
            firstRise = i == 0 ? (sampler.peakRss() - before) / MIB : firstRise;
            onePeak = Math.max(onePeak, sampler.peakRss() / MIB);
            System.out.printf(Locale.ROOT, "job %d (pull request %d): ms=%d cpu_ms=%d rss_before_mib=%.1f"
                    + " rss_peak_mib=%.1f rss_peak_above_before_mib=%.1f heap_peak_mib=%.1f heap_after_mib=%.1f"
                    + " model_calls=%d outcome=%s%n", i, pr.number, ms, cpu, before / MIB, sampler.peakRss() / MIB,
                    (sampler.peakRss() - before) / MIB, sampler.peakHeap() / MIB, after.heap / MIB,
                    modelCalls(github) - calls, outcome(github, pr));
        }

        sampler.reset();
        long cpuBefore = cpuMillis(jvm);
        long began = System.nanoTime();
        for (Pr pr : together) {
            send(truce, pr);
        }
        runs = awaitQuiet(truce, runs + together.size());
        long ms = (System.nanoTime() - began) / 1_000_000;
        long allCpu = cpuMillis(jvm) - cpuBefore;
        long fixes = together.stream().filter(pr -> outcome(github, pr).startsWith("fix-pull-request")).count();
        System.out.printf(Locale.ROOT, "all %d at once: ms=%d cpu_ms=%d rss_peak_mib=%.1f heap_peak_mib=%.1f"
                + " fix_pull_requests=%d%n", together.size(), ms, allCpu, sampler.peakRss() / MIB,
                sampler.peakHeap() / MIB, fixes);
        double concurrentPeak = sampler.peakRss() / MIB;
        double concurrentHeap = sampler.peakHeap() / MIB;

        Thread.sleep(5_000);
        Metrics end = Metrics.of(truce);
        double afterRss = rss(jvm) / MIB;
        System.out.printf(Locale.ROOT, "after: rss_mib=%.1f heap_used_mib=%.1f failed_runs=%.0f%n", afterRss,
                end.heap / MIB, end.failed);
        // What the service keeps: the heap and the memory after a full collection.
        Metrics collected = collect(truce, jvm);
        double collectedRss = rss(jvm) / MIB;
        System.out.printf(Locale.ROOT, "after a full collection: rss_mib=%.1f heap_used_mib=%.1f%n", collectedRss,
                collected.heap / MIB);
        if (end.failed > 0) {
            System.out.println("failed runs; the service's warnings and errors:");
            truce.output().lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).forEach(
                    System.out::println);
        }
        sampler.interrupt();
        System.out.printf(Locale.ROOT, "idle_rss_mib=%.1f idle_heap_live_mib=%.1f first_job_rss_rise_mib=%.1f"
                + " rss_peak_one_at_a_time_mib=%.1f rss_peak_all_at_once_mib=%.1f heap_peak_all_at_once_mib=%.1f"
                + " rss_after_collection_mib=%.1f heap_live_after_mib=%.1f all_at_once_cpu_ms=%d%n", idleRss / MIB,
                idle.heap / MIB, firstRise, onePeak, concurrentPeak, concurrentHeap, collectedRss,
                collected.heap / MIB, allCpu);
    }

    /**
     * A full collection in the service (the jcmd beside its java), then its figures; fails when there was none, so
     * that no figure is printed as "after a full collection" that is not.
     */
    private static Metrics collect(TruceProcess truce, long jvm) throws Exception {
        Path jcmd = ProcessHandle.of(jvm).flatMap(p -> p.info().command()).map(c -> Path.of(c).resolveSibling("jcmd"))
                .orElse(Path.of("jcmd"));
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(jvm), "GC.run").redirectErrorStream(true)
                .start();
        String said = new String(gc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!gc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || gc.exitValue() != 0
                || !said.contains("Command executed successfully")) {
            gc.destroyForcibly();
            throw new IllegalStateException(jcmd + " " + jvm + " GC.run did not collect (a JDK with jcmd is needed,"
                    + " and the service's JVM must allow attaching): " + said.strip());
        }
        Thread.sleep(1_000);
        return Metrics.of(truce);
    }

    /** A pull request from bench/head-I into bench/base-I, stubbed in the fake GitHub with its fix pull request. */
    private static Pr pullRequest(Repository repository, FakeGitHubApi github, int number, int i, RevCommit base,
            RevCommit head) throws Exception {
        String headRef = "bench/head-" + i;
        String baseRef = "bench/base-" + i;
        var update = repository.updateRef("refs/pull/" + number + "/head");
        update.setNewObjectId(head);
        update.forceUpdate();
        String fixBranch = "truce/" + number + "-" + head.abbreviate(7).name();
        github.pullRequest(number, headRef, head, baseRef, base).fixPullRequest(fixBranch, headRef, head,
                50_000 + number);
        return new Pr(number, fixBranch, FakeGitHubApi.opened(number, headRef, head, baseRef, base));
    }

    private static void send(TruceProcess truce, Pr pr) throws Exception {
        int status = truce.send("pull_request", pr.event, UUID.randomUUID().toString());
        if (status / 100 != 2) {
            throw new IllegalStateException("the webhook of pull request " + pr.number + " was answered " + status);
        }
    }

    /** Waits until at least {@code runs} job runs ended and nothing runs or waits; the runs ended. */
    private static double awaitQuiet(TruceProcess truce, double runs) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Metrics now = Metrics.of(truce);
            if (now.runs >= runs && now.running == 0 && now.waiting == 0) {
                return now.runs;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("the jobs did not end within " + JOB_TIMEOUT + "; the service's log:\n"
                + truce.output());
    }

    /** What the service asked GitHub for on this pull request's behalf. */
    private static String outcome(FakeGitHubApi github, Pr pr) {
        boolean fix = github.requests("POST", FakeGitHubApi.REPO + "/pulls").stream()
                .anyMatch(r -> r.getBodyAsString().contains("\"" + pr.fixBranch + "\""));
        List<String> comments = github.commentsOn(pr.number);
        String first = comments.isEmpty() ? "" : comments.get(0).lines().findFirst().orElse("")
                .replaceAll("\\s+", " ").strip();
        first = first.isEmpty() ? "" : " \"" + (first.length() > 90 ? first.substring(0, 90) + "..." : first) + "\"";
        return (fix ? "fix-pull-request" : "no-fix-pull-request") + "+" + comments.size() + "-comments" + first;
    }

    /** The model calls so far. */
    private static int modelCalls(FakeGitHubApi github) {
        return github.requests("POST", "/v1/chat/completions").size();
    }

    /**
     * The service's CPU time so far (user and system, all its threads; {@code /proc/PID/stat} in clock ticks of
     * 10 ms, Linux's USER_HZ), in milliseconds; 0 once the process is gone.
     */
    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (java.io.IOException gone) {
            return 0;
        }
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException gone) {
            // the process ended
        }
        return 0;
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private record Pr(int number, String fixBranch, String event) {
    }

    /** The service's own figures from its Prometheus endpoint. */
    private record Metrics(double heap, double runs, double failed, double running, double waiting) {

        static Metrics of(TruceProcess truce) throws Exception {
            String text = truce.management("/actuator/prometheus").body();
            double heap = 0;
            double runs = 0;
            double failed = 0;
            double running = 0;
            double waiting = 0;
            Matcher m = SAMPLE.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                String labels = m.group(2) == null ? "" : m.group(2);
                double value = Double.parseDouble(m.group(3));
                switch (name) {
                    case "jvm_memory_used_bytes" -> heap += labels.contains("area=\"heap\"") ? value : 0;
                    case "truce_jobs_runs_seconds_count" -> {
                        runs += value;
                        failed += labels.contains("outcome=\"failed\"") ? value : 0;
                    }
                    case "truce_jobs_running" -> running += value;
                    case "truce_jobs_waiting" -> waiting += value;
                    default -> {
                    }
                }
            }
            return new Metrics(heap, runs, failed, running, waiting);
        }
    }

    /** Samples the service's resident memory every 20 ms and its heap every 250 ms, keeping the peaks. */
    private static final class Sampler extends Thread {

        private final TruceProcess truce;
        private final long pid;
        private final AtomicLong peakRss = new AtomicLong();
        private final AtomicLong peakHeap = new AtomicLong();

        Sampler(TruceProcess truce, long pid) {
            super("sampler");
            setDaemon(true);
            this.truce = truce;
            this.pid = pid;
        }

        void reset() {
            peakRss.set(rss(pid));
            peakHeap.set(0);
        }

        long peakRss() {
            return peakRss.get();
        }

        long peakHeap() {
            return peakHeap.get();
        }

        @Override
        public void run() {
            long next = 0;
            try {
                while (!isInterrupted()) {
                    long now = rss(pid);
                    peakRss.accumulateAndGet(now, Math::max);
                    if (System.nanoTime() >= next) {
                        next = System.nanoTime() + 250_000_000L;
                        try {
                            peakHeap.accumulateAndGet((long) Metrics.of(truce).heap, Math::max);
                        } catch (java.io.IOException notYet) {
                            // the management port answers a little after the webhook's
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException stop) {
                // done
            } catch (Exception e) {
                System.err.println("sampler stopped: " + e);
            }
        }
    }
}
