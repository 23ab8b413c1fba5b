/**
 * Validation of resolved merges, plain Java (no Spring, no GitHub), for the engine to call before anything is
 * written or proposed. Its public face:
 * <ul>
 * <li>{@link dev.truce.validate.FileChecks}: cheap in-process checks of one {@link dev.truce.validate.ResolvedFile}
 * ({@link dev.truce.validate.Check#MARKERS markers}, {@link dev.truce.validate.Check#SYNTAX syntax},
 * {@link dev.truce.validate.Check#IMPORTS imports}), each failing a result only for something neither side had;
 * the answer is a {@link dev.truce.validate.FileCheckResult} of {@link dev.truce.validate.CheckFailure}s.</li>
 * <li>{@link dev.truce.validate.Checkout}: a git tree (from the merge's in-memory overlay) written to a fresh
 * temporary folder, bounded, never the user's work tree.</li>
 * <li>{@link dev.truce.validate.BuildRunner}: build commands ({@link dev.truce.validate.BuildCommand}) run on
 * a checkout with {@link dev.truce.validate.BuildLimits} and a clean {@link dev.truce.validate.BuildEnvironment},
 * giving a {@link dev.truce.validate.BuildResult}; {@link dev.truce.validate.BubblewrapSandbox} is the sandbox,
 * {@link dev.truce.validate.UnsandboxedRunner} the explicit opt-out.</li>
 * <li>{@link dev.truce.validate.DiagnosticsParser}: build output into {@link dev.truce.validate.Diagnostic}s;
 * {@link dev.truce.validate.RegionMap}: each diagnostic to the resolved region it falls in, or outside the
 * conflicts.</li>
 * </ul>
 *
 * <p><b>The sandbox is bubblewrap</b> ({@code bwrap}, Debian package {@code bubblewrap}), because it builds a
 * sandbox from unprivileged user namespaces with no daemon, no setuid helper and no image to maintain; it is
 * small, audited and what Flatpak runs every application in; and each of its options maps to one guarantee
 * Truce needs (no network, own PID space, die with Truce, new session, an allow-listed read-only root, one
 * writable folder). Containers (Docker, Podman) would need a daemon or a container runtime in Truce's own
 * container; firejail is setuid; gVisor and microVMs are far heavier than a compile needs. Limits on CPU,
 * memory, processes and file size come from {@code prlimit} inside the sandbox; cgroups are not used, since a
 * service user rarely has a delegated cgroup (docs/validation.md says what holds without them).
 */
package dev.truce.validate;
