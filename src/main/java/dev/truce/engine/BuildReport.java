package dev.truce.engine;

import java.util.List;

/**
 * Whether and how a resolved merge was built: every build round (the first build, then one per repair), or why no
 * build ran.
 *
 * @param rounds the builds, in order; empty when none ran
 * @param notRun why no build ran (no commands configured, no sandbox on this server, the merge was not complete), or
 *               {@code null} when one did
 */
public record BuildReport(List<BuildValidation> rounds, String notRun) {

    /** No build was asked for. */
    public static final BuildReport NONE = new BuildReport(List.of(), "no build commands configured");

    public BuildReport {
        rounds = List.copyOf(rounds);
    }

    /** No build ran, for this reason. */
    public static BuildReport notRun(String why) {
        return new BuildReport(List.of(), why);
    }

    /** Whether a build ran. */
    public boolean ran() {
        return !rounds.isEmpty();
    }

    /** Whether the last build passed (false when none ran). */
    public boolean passed() {
        return ran() && last().passed();
    }

    /** Whether the last build failed. */
    public boolean failed() {
        return ran() && !last().passed();
    }

    /** The last build. */
    public BuildValidation last() {
        return rounds.get(rounds.size() - 1);
    }
}
