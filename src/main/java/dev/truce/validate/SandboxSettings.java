package dev.truce.validate;

import java.nio.file.Path;
import java.util.List;

/**
 * How {@link BubblewrapSandbox} builds its sandbox.
 *
 * @param bwrap       the bubblewrap program, {@code bwrap} to find it on the {@code PATH}
 * @param limits      the bounds on each build
 * @param environment the build's environment
 * @param readOnly    further host folders a build may read, at the same path (a Maven repository for offline
 *                    builds, say); never Truce's data folder
 * @param hidden      folders that must stay unreadable even where they lie under a readable folder (Truce's data
 *                    folder, the user's home): each is covered by an empty folder
 * @param buildUid    the user id builds run as when Truce runs as root (which the kernel exempts from the process
 *                    limit); 65534, {@code nobody}, by default
 */
public record SandboxSettings(String bwrap, BuildLimits limits, BuildEnvironment environment, List<Path> readOnly,
        List<Path> hidden, int buildUid) {

    public SandboxSettings {
        readOnly = List.copyOf(readOnly);
        hidden = List.copyOf(hidden);
        if (buildUid <= 0) {
            throw new IllegalArgumentException("builds may not run as root: build user id " + buildUid);
        }
    }

    /** {@code bwrap} from the {@code PATH}, the default limits, a clean environment, nothing more to read. */
    public static SandboxSettings defaults() {
        return new SandboxSettings("bwrap", BuildLimits.DEFAULTS, BuildEnvironment.clean(), List.of(), List.of(),
                65534);
    }

    /** The same settings with other limits. */
    public SandboxSettings withLimits(BuildLimits other) {
        return new SandboxSettings(bwrap, other, environment, readOnly, hidden, buildUid);
    }

    /** The same settings with another environment. */
    public SandboxSettings withEnvironment(BuildEnvironment other) {
        return new SandboxSettings(bwrap, limits, other, readOnly, hidden, buildUid);
    }

    /** The same settings with other readable and hidden folders. */
    public SandboxSettings withPaths(List<Path> readable, List<Path> hide) {
        return new SandboxSettings(bwrap, limits, environment, readable, hide, buildUid);
    }
}
