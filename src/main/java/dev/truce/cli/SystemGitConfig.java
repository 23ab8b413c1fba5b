package dev.truce.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.util.FS;

/**
 * Where git's system-wide configuration file is, found without starting git. JGit finds it by running
 * {@code git --version} and {@code git config --system --show-origin} once per process, about a tenth of the CPU of
 * a short command. A distribution's git ({@code /usr/bin/git}, built with prefix {@code /usr}) reads
 * {@code /etc/gitconfig} (git's Makefile puts sysconfdir there for that prefix), or the file
 * {@code GIT_CONFIG_SYSTEM} names; any other git is left to JGit's own discovery, which asks it.
 */
final class SystemGitConfig {

    private static final Path DISTRIBUTION_GIT = Path.of("/usr/bin/git");
    private static final File DISTRIBUTION_CONFIG = new File("/etc/gitconfig");

    private SystemGitConfig() {
    }

    /** Tells JGit's file system the system configuration's place when it is known without asking git. */
    static void locate() {
        locate(System.getenv()).ifPresent(FS.DETECTED::setGitSystemConfig);
    }

    /** The system configuration file git would read in this environment, if it is known without running git. */
    static Optional<File> locate(Map<String, String> env) {
        if (present(env.get("GIT_CONFIG_NOSYSTEM"))) {
            return Optional.empty(); // JGit reads no system configuration then, and asks nothing
        }
        String named = env.get("GIT_CONFIG_SYSTEM");
        if (present(named)) {
            return Optional.of(new File(named));
        }
        return git(env.get("PATH")).filter(DISTRIBUTION_GIT::equals).map(git -> DISTRIBUTION_CONFIG);
    }

    /** The git that a search of PATH finds first (as JGit searches), with its links resolved. */
    private static Optional<Path> git(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "git");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                try {
                    return Optional.of(candidate.toRealPath());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
