package dev.truce.validate;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process run to its end or to a wall-time limit: no standard input, standard output and error read
 * together into a bounded tail, and on the limit (or when the process ends, for what it left running) the
 * whole process group killed along with every descendant still found. The caller starts the command through
 * {@code setsid}, so that its process id is its group's.
 */
final class BoundedProcess {

    private static final Duration READER_GRACE = Duration.ofSeconds(5);

    private BoundedProcess() {
    }

    /** What happened: exit code or timeout, the output's tail and how much was dropped. */
    record Outcome(boolean timedOut, int exitCode, Duration elapsed, String output, long dropped) {
    }

    static Outcome run(List<String> argv, Map<String, String> environment, Path directory, Duration wallTime,
            int outputBytes) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        Tail tail = new Tail(process.getInputStream(), outputBytes);
        Thread reader = new Thread(tail, "build-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        boolean exited;
        try {
            exited = process.waitFor(wallTime.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        // On the limit: kill it all. After a normal exit: kill what it left running in its group.
        killTree(process);
        process.waitFor();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        reader.join(READER_GRACE.toMillis());
        if (reader.isAlive()) {
            // A process that left the group still holds the pipe; stop reading rather than wait for it.
            process.getInputStream().close();
        }
        return new Outcome(!exited, exited ? process.exitValue() : -1, elapsed, tail.text(), tail.dropped());
    }

    /** Kills the process's group (the command started through setsid) and every descendant still found. */
    static void killTree(Process process) throws InterruptedException {
        long pid = process.pid();
        for (int round = 0; round < 5; round++) {
            try {
                Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -9 -" + pid + " 2>/dev/null")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                kill.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // no shell to signal the group with: the descendants below are killed one by one
            }
            List<ProcessHandle> left = process.descendants().toList();
            left.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (left.isEmpty()) {
                return;
            }
        }
    }

    /** The last {@code limit} bytes of a stream, and a count of those before them. */
    static final class Tail implements Runnable {

        private final InputStream in;
        private final byte[] ring;
        private long total;

        Tail(InputStream in, int limit) {
            this.in = in;
            this.ring = new byte[limit];
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    append(buffer, n);
                }
            } catch (IOException e) {
                // the pipe was closed under us: keep what was read
            }
        }

        private synchronized void append(byte[] buffer, int n) {
            int from = Math.max(0, n - ring.length); // of a chunk larger than the ring only its end counts
            total += from;
            while (from < n) {
                int at = (int) (total % ring.length);
                int length = Math.min(n - from, ring.length - at);
                System.arraycopy(buffer, from, ring, at, length);
                from += length;
                total += length;
            }
        }

        synchronized long dropped() {
            return Math.max(0, total - ring.length);
        }

        synchronized String text() {
            int kept = (int) Math.min(total, ring.length);
            byte[] out = new byte[kept];
            long first = total - kept;
            for (int i = 0; i < kept; i++) {
                out[i] = ring[(int) ((first + i) % ring.length)];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
