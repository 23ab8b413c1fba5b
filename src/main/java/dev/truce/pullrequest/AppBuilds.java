package dev.truce.pullrequest;

import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.truce.engine.BuildValidator;
import dev.truce.engine.FileResolver;
import dev.truce.validate.BubblewrapSandbox;
import dev.truce.validate.BuildCommand;
import dev.truce.validate.BuildRunner;
import dev.truce.validate.CheckoutLimits;
import dev.truce.validate.SandboxSettings;
import dev.truce.validate.SandboxUnavailableException;
import dev.truce.validate.UnsandboxedRunner;

/**
 * Whether and how the App builds a repository's resolution with the commands of its {@code .github/truce.yml}
 * ({@code validation:}). A repository's build is untrusted code, so by default it runs only in the bubblewrap
 * sandbox ({@link BubblewrapSandbox}: no network, a clean environment, only the checkout writable); where the
 * sandbox cannot run on this server, no build runs and the fix pull request says so, unless the operator opted out of
 * the sandbox ({@link Policy#UNSANDBOXED}), which the fix pull request says too. The sandbox is probed once, on the
 * first repository that asks for a build, and the answer is kept. Thread-safe.
 */
public final class AppBuilds {

    private static final Logger log = LoggerFactory.getLogger(AppBuilds.class);

    /** No repository build ever runs: the in-process checks only, with the default repair rounds. */
    public static final AppBuilds OFF = new AppBuilds(Policy.OFF, SandboxSettings.defaults(),
            FileResolver.DEFAULT_REPAIR_ROUNDS);

    /** Where the operator lets repository builds run ({@code truce.validation.builds}). */
    public enum Policy {
        /** Only in the sandbox; none where it is unavailable (the default). */
        SANDBOXED,
        /** Without a sandbox, with Truce's rights and network minus its environment: the operator's explicit choice. */
        UNSANDBOXED,
        /** Never. */
        OFF
    }

    private final Policy policy;
    private final SandboxSettings sandbox;
    private final int repairRounds;
    private final int ciRepairRounds;
    private volatile Probe probe;

    /**
     * @param policy       where builds may run
     * @param sandbox      the sandbox's limits, environment and readable and hidden folders (also the limits and
     *                     environment of an unsandboxed build)
     * @param repairRounds how often the model may answer again after a failed check or build
     */
    public AppBuilds(Policy policy, SandboxSettings sandbox, int repairRounds) {
        this(policy, sandbox, repairRounds, DEFAULT_CI_REPAIR_ROUNDS);
    }

    /** Rounds of repair after the repository's CI failed on a fix, by default. */
    public static final int DEFAULT_CI_REPAIR_ROUNDS = 2;

    /**
     * As {@link #AppBuilds(Policy, SandboxSettings, int)}, with how often a fix whose CI failed is repaired and
     * pushed again ({@code ciRepairRounds}).
     */
    public AppBuilds(Policy policy, SandboxSettings sandbox, int repairRounds, int ciRepairRounds) {
        if (ciRepairRounds < 0) {
            throw new IllegalArgumentException("truce.validation.ci-repair-rounds must not be negative, was "
                    + ciRepairRounds);
        }
        this.ciRepairRounds = ciRepairRounds;
        if (repairRounds < 0) {
            throw new IllegalArgumentException("truce.validation.repair-rounds must not be negative, was "
                    + repairRounds);
        }
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.repairRounds = repairRounds;
    }

    /** How often a fix whose repository checks failed is repaired and pushed again. */
    public int ciRepairRounds() {
        return ciRepairRounds;
    }

    /** How often the model may answer again after a failed check or build. */
    public int repairRounds() {
        return repairRounds;
    }

    /**
     * What to build a repository's resolution with.
     *
     * @param commands the repository's {@code validation:} commands, in order
     */
    public Choice forRepository(List<String> commands) {
        if (commands.isEmpty()) {
            return new Choice(null, "the repository configures no build commands (validation: in .github/truce.yml)");
        }
        if (policy == Policy.OFF) {
            return new Choice(null, "this Truce server does not run repository builds (truce.validation.builds=off)");
        }
        BuildRunner runner = runner();
        if (runner == null) {
            return new Choice(null, "this Truce server has no build sandbox (" + probe.unavailable() + "), and its"
                    + " operator has not allowed builds without one; the repository's CI checks the fix instead");
        }
        return new Choice(new BuildValidator(runner, commands.stream().map(BuildCommand::shell).toList(),
                CheckoutLimits.DEFAULTS), null);
    }

    /** The runner, or {@code null} when the sandbox is required and unavailable. */
    private BuildRunner runner() {
        if (policy == Policy.UNSANDBOXED) {
            return new UnsandboxedRunner(sandbox.limits(), sandbox.environment());
        }
        Probe known = probe;
        if (known == null) {
            synchronized (this) {
                if (probe == null) {
                    probe = probeSandbox();
                }
                known = probe;
            }
        }
        return known.sandbox();
    }

    private Probe probeSandbox() {
        try {
            return new Probe(BubblewrapSandbox.create(sandbox), null);
        } catch (SandboxUnavailableException e) {
            log.warn("repository builds will not run: {}; install bubblewrap, or set truce.validation.builds="
                    + "unsandboxed to run them without a sandbox", e.getMessage());
            return new Probe(null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(null, "interrupted while trying the sandbox");
        }
    }

    /**
     * A repository's build, or why there is none.
     *
     * @param validator the build, or {@code null}
     * @param notRun    why no build runs, for the fix pull request, when {@code validator} is {@code null}
     */
    public record Choice(BuildValidator validator, String notRun) {
    }

    private record Probe(BubblewrapSandbox sandbox, String unavailable) {
    }
}
