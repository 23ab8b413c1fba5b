package dev.truce.validate;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs builds in a bubblewrap ({@code bwrap}) sandbox: new user, PID, network, IPC and UTS namespaces (no
 * network at all, only a private loopback), {@code --die-with-parent}, {@code --new-session}, a root file system
 * made of an allow-list of read-only system folders ({@code /usr}, the {@code /lib} and {@code /bin} links,
 * selected files of {@code /etc} without its secrets, the JDK), a minimal {@code /dev}, its own {@code /proc},
 * a private memory-backed {@code /tmp} holding {@code HOME}, and the checkout, at {@code /checkout}, as the only
 * writable host folder; the root itself is read-only.
 * Truce's data folder and the user's home are not in the allow-list, so a build cannot see them; folders in
 * {@link SandboxSettings#hidden()} are covered even where they lie under a readable one. Inside, every process
 * runs under {@code prlimit} with the {@link BuildLimits}. When Truce runs as root the build runs as an
 * unprivileged user ({@link SandboxSettings#buildUid()}, through {@code setpriv}), because the kernel does not
 * apply the process limit to root.
 *
 * <p>{@link #create} starts one sandbox that runs {@code true}, and refuses with the reason when that fails
 * (bwrap missing, user namespaces disabled, ...).
 */
public final class BubblewrapSandbox implements BuildRunner {

    private static final List<String> SYSTEM_LINKS_OR_DIRS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64",
            "/libx32");
    /** What of /etc a build may need: the dynamic linker's cache, users and groups by name, certificates, the
     * JDK's configuration (Debian keeps it in /etc/java-N-openjdk) and the alternatives links. Not shadow files,
     * SSH keys, sudoers or private keys. */
    private static final List<String> ETC = List.of("/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf",
            "/etc/ld.so.conf.d", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/hosts", "/etc/localtime",
            "/etc/timezone", "/etc/mime.types", "/etc/os-release", "/etc/debian_version", "/etc/ssl/certs",
            "/etc/ssl/openssl.cnf", "/etc/ca-certificates", "/etc/ca-certificates.conf");
    private static final String PRLIMIT = "/usr/bin/prlimit";
    private static final Path SANDBOX_HOME = Path.of("/tmp/home");
    /** Where the checkout is inside the sandbox; {@link BuildResult#directory()} says so to the diagnostics. */
    static final Path INSIDE = Path.of("/checkout");

    private final SandboxSettings settings;
    private final String bwrap;
    private final boolean asBuildUser;

    private BubblewrapSandbox(SandboxSettings settings, String bwrap, boolean asBuildUser) {
        this.settings = settings;
        this.bwrap = bwrap;
        this.asBuildUser = asBuildUser;
    }

    /**
     * A sandbox that was seen to work here: one run of {@code true} in it passed.
     *
     * @throws SandboxUnavailableException when it cannot run here, with the reason and what would fix it
     */
    public static BubblewrapSandbox create(SandboxSettings settings)
            throws SandboxUnavailableException, InterruptedException {
        String bwrap = find(settings.bwrap());
        if (bwrap == null) {
            throw new SandboxUnavailableException("sandbox unavailable, because " + settings.bwrap()
                    + " was not found; install bubblewrap (Debian: apt-get install bubblewrap)");
        }
        if (!Files.isExecutable(Path.of(PRLIMIT)) || find("setsid") == null) {
            throw new SandboxUnavailableException("sandbox unavailable, because prlimit or setsid is missing;"
                    + " install util-linux");
        }
        boolean root = uid() == 0;
        if (root && find("setpriv") == null) {
            throw new SandboxUnavailableException("sandbox unavailable, because Truce runs as root and setpriv,"
                    + " which drops to the build user, is missing; install util-linux or run Truce as another user");
        }
        BubblewrapSandbox sandbox = new BubblewrapSandbox(settings.withLimits(settings.limits()
                .withWallTime(Duration.ofSeconds(60))), bwrap, root);
        Path probe = null;
        try {
            probe = Files.createTempDirectory("truce-sandbox-probe-");
            BuildResult result = sandbox.run(probe, BuildCommand.of("/usr/bin/true"));
            if (!result.passed()) {
                throw new SandboxUnavailableException("sandbox unavailable, because bwrap could not start a sandbox"
                        + " (" + result.status() + ", exit code " + result.exitCode() + "): " + result.output().strip()
                        + "; bubblewrap needs unprivileged user namespaces (sysctl user.max_user_namespaces > 0,"
                        + " and kernel.unprivileged_userns_clone=1 or an AppArmor profile where those exist)");
            }
        } catch (IOException e) {
            throw new SandboxUnavailableException("sandbox unavailable, because its probe could not run: "
                    + e.getMessage());
        } finally {
            if (probe != null) {
                try {
                    Checkout.delete(probe);
                } catch (IOException e) {
                    // a leftover empty folder in the temporary folder; nothing to act on
                }
            }
        }
        return new BubblewrapSandbox(settings, bwrap, root);
    }

    @Override
    public BuildResult run(Path checkout, BuildCommand command) throws IOException, InterruptedException {
        Path dir = checkout.toRealPath();
        if (!Files.isDirectory(dir)) {
            throw new IOException(checkout + " is not a folder to build in");
        }
        List<String> argv = new ArrayList<>(List.of(find("setsid")));
        if (asBuildUser) {
            reachable(dir, settings.buildUid());
            handOver(dir, settings.buildUid());
            String id = Integer.toString(settings.buildUid());
            argv.addAll(List.of(find("setpriv"), "--reuid=" + id, "--regid=" + id, "--clear-groups", "--"));
        }
        argv.add(bwrap);
        argv.addAll(sandboxArguments(dir));
        argv.add("--");
        BuildLimits limits = settings.limits();
        argv.addAll(List.of(PRLIMIT, "--nproc=" + limits.processes(), "--cpu=" + limits.cpuSeconds(),
                "--data=" + limits.memoryBytes(), "--fsize=" + limits.fileBytes(), "--core=0", "--"));
        argv.addAll(command.argv());
        BoundedProcess.Outcome outcome = BoundedProcess.run(argv,
                settings.environment().variables(SANDBOX_HOME, Path.of("/tmp")), dir, limits.wallTime(),
                limits.outputBytes());
        return BuildResult.from(command, outcome, isolation(), true, INSIDE);
    }

    /** The bwrap arguments up to the command: namespaces, the read-only root, the writable checkout. */
    List<String> sandboxArguments(Path checkout) throws IOException {
        // Order matters: later mounts go on top, so the private /tmp comes before binds that may lie under /tmp.
        List<String> args = new ArrayList<>(List.of("--unshare-all", "--die-with-parent", "--new-session",
                "--hostname", "truce-build", "--dev", "/dev", "--proc", "/proc",
                "--size", Long.toString(settings.limits().tmpBytes()), "--tmpfs", "/tmp",
                "--dir", SANDBOX_HOME.toString(), "--ro-bind", "/usr", "/usr"));
        List<Path> readable = new ArrayList<>(List.of(Path.of("/usr")));
        for (String dir : SYSTEM_LINKS_OR_DIRS) {
            Path path = Path.of(dir);
            if (Files.isSymbolicLink(path)) {
                args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), dir));
            } else if (Files.isDirectory(path)) {
                args.addAll(List.of("--ro-bind", dir, dir));
                readable.add(path);
            }
        }
        List<String> etc = new ArrayList<>(ETC);
        try (Stream<Path> entries = Files.list(Path.of("/etc"))) {
            // Debian's JDKs keep their conf/ (security properties, ...) in /etc/java-N-openjdk.
            entries.map(Path::toString).filter(p -> p.startsWith("/etc/java")).sorted().forEach(etc::add);
        }
        for (String entry : etc) {
            if (Files.exists(Path.of(entry))) {
                args.addAll(List.of("--ro-bind", entry, entry));
                readable.add(Path.of(entry));
            }
        }
        Path javaHome = Path.of(settings.environment().javaHome());
        if (Files.isDirectory(javaHome) && !javaHome.toRealPath().startsWith("/usr")) {
            args.addAll(List.of("--ro-bind", javaHome.toRealPath().toString(), javaHome.toString()));
            readable.add(javaHome.toRealPath());
        }
        for (Path extra : settings.readOnly()) {
            Path real = extra.toRealPath();
            args.addAll(List.of("--ro-bind", real.toString(), extra.toAbsolutePath().toString()));
            readable.add(real);
        }
        for (Path hidden : settings.hidden()) {
            Path abs = hidden.toAbsolutePath().normalize();
            Path real = Files.exists(abs) ? abs.toRealPath() : abs;
            if (readable.stream().anyMatch(r -> real.startsWith(r) || abs.startsWith(r))
                    && Files.isDirectory(real)) {
                args.addAll(List.of("--tmpfs", real.toString()));
            }
        }
        // The checkout sits in the read-only root, not under the private /tmp, so its parents are not writable.
        args.addAll(List.of("--bind", checkout.toString(), INSIDE.toString(), "--chdir", INSIDE.toString(),
                "--remount-ro", "/"));
        return args;
    }

    @Override
    public String isolation() {
        return "sandboxed (bubblewrap: no network, only the checkout writable, no Truce settings or data,"
                + " limits " + describe(settings.limits()) + (asBuildUser ? ", as user " + settings.buildUid() : "")
                + ")";
    }

    private static String describe(BuildLimits l) {
        return l.wallTime().toSeconds() + " s wall, " + l.cpuSeconds() + " CPU s and " + (l.memoryBytes() >> 20)
                + " MiB per process, " + l.processes() + " processes";
    }

    /** Refuses a checkout whose parent folders the build user could not pass, which bwrap reports obscurely. */
    private static void reachable(Path dir, int uid) throws IOException {
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            var mode = Files.getPosixFilePermissions(p);
            if (!mode.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("the build user " + uid + " cannot reach " + dir + ": " + p + " is not"
                        + " searchable by other users; make checkouts in a folder every user can pass through");
            }
        }
    }

    /** Gives the checkout to the build user, so that a build run as that user can write it. */
    private static void handOver(Path dir, int uid) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                own(d, uid);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                own(file, uid);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void own(Path path, int uid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The absolute path of a program, from the PATH unless given with a slash; null when not found. */
    private static String find(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program)) ? program : null;
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
    }
}
