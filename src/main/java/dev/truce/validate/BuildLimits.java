package dev.truce.validate;

import java.time.Duration;

/**
 * Bounds on one build command. Each is enforced by the kernel on every process of the build ({@code prlimit}):
 * a process limit is exact only inside the sandbox's user namespace, memory is a per-process bound on private
 * writable memory ({@code RLIMIT_DATA}: heap and anonymous mappings, which unlike the address-space limit lets a
 * JVM reserve its heap), CPU time is per process. docs/validation.md says what holds where.
 *
 * @param wallTime    the build is killed, with every process it started, after this long
 * @param cpuSeconds  CPU seconds per process ({@code RLIMIT_CPU})
 * @param memoryBytes private writable memory per process ({@code RLIMIT_DATA})
 * @param processes   processes and threads in the sandbox ({@code RLIMIT_NPROC}); not applied without a sandbox,
 *                    where it would count every process of Truce's user
 * @param fileBytes   the largest file a process may write ({@code RLIMIT_FSIZE})
 * @param outputBytes how much of the end of the output is kept; the rest is counted and dropped
 * @param tmpBytes    the size of the sandbox's private {@code /tmp} (memory-backed)
 */
public record BuildLimits(Duration wallTime, long cpuSeconds, long memoryBytes, int processes, long fileBytes,
        int outputBytes, long tmpBytes) {

    /** 15 minutes, 30 CPU minutes and 4 GiB per process, 1024 processes, 1 GiB files, 256 KiB of output. */
    public static final BuildLimits DEFAULTS = new BuildLimits(Duration.ofMinutes(15), 1800, 4L << 30, 1024,
            1L << 30, 256 * 1024, 1L << 30);

    public BuildLimits {
        if (wallTime.isNegative() || wallTime.isZero() || cpuSeconds < 1 || memoryBytes < (16L << 20)
                || processes < 8 || fileBytes < 1 || outputBytes < 1024 || tmpBytes < (1L << 20)) {
            throw new IllegalArgumentException("build limits too small to run anything: " + this);
        }
    }

    /** The same limits with another wall time. */
    public BuildLimits withWallTime(Duration wall) {
        return new BuildLimits(wall, cpuSeconds, memoryBytes, processes, fileBytes, outputBytes, tmpBytes);
    }
}
