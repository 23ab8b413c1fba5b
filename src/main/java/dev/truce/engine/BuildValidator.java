package dev.truce.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

import dev.truce.merge.ComputedMerge;
import dev.truce.merge.MergeCommitWriter;
import dev.truce.resolve.FileResolution;
import dev.truce.validate.BuildCommand;
import dev.truce.validate.BuildResult;
import dev.truce.validate.BuildRunner;
import dev.truce.validate.Checkout;
import dev.truce.validate.CheckoutException;
import dev.truce.validate.CheckoutLimits;
import dev.truce.validate.Diagnostic;
import dev.truce.validate.LineRange;
import dev.truce.validate.RegionMap;

/**
 * Checks a resolved merge by building it: the merged tree (from the merge's in-memory overlay; nothing is written
 * to the repository) is checked out into a temporary folder, the repository's commands run there one after another
 * through a {@link BuildRunner} (a sandbox, or plainly unsandboxed where the operator opted out), and the first
 * failure's diagnostics are placed in the hunks they fall in, or outside the conflicts.
 */
public final class BuildValidator {

    private final BuildRunner runner;
    private final List<BuildCommand> commands;
    private final CheckoutLimits limits;

    /**
     * @param runner   where the commands run
     * @param commands the commands that check a resolution, run in order until one fails
     * @param limits   bounds on the temporary checkout
     */
    public BuildValidator(BuildRunner runner, List<BuildCommand> commands, CheckoutLimits limits) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("a build validation needs at least one command");
        }
        this.runner = Objects.requireNonNull(runner, "runner");
        this.commands = List.copyOf(commands);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** How the commands run, for reports ("in a bubblewrap sandbox: ...", or "NOT SANDBOXED: ..."). */
    public String isolation() {
        return runner.isolation();
    }

    /** The commands, in order. */
    public List<BuildCommand> commands() {
        return commands;
    }

    /**
     * Builds the merge as resolved.
     *
     * @param resolutions one per conflict of {@code merge}, every one complete
     * @throws IOException when the tree cannot be checked out or a command cannot be started
     */
    public BuildValidation validate(ComputedMerge merge, List<FileResolution> resolutions) throws IOException {
        long started = System.nanoTime();
        ObjectId tree = MergeCommitWriter.tree(merge, resolutions);
        Map<String, List<LineRange>> regions = new LinkedHashMap<>();
        Map<String, List<Integer>> hunks = new LinkedHashMap<>();
        for (FileResolution resolution : resolutions) {
            if (resolution.file().hasHunks() && !resolution.outcomes().isEmpty()) {
                Map<Integer, LineRange> byHunk = FileResolver.regions(resolution);
                regions.put(resolution.file().path(), List.copyOf(byHunk.values()));
                hunks.put(resolution.file().path(), List.copyOf(byHunk.keySet()));
            }
        }
        List<BuildResult> runs = new ArrayList<>();
        List<Checkout.Skipped> skipped;
        try (ObjectReader reader = merge.objects().newReader();
                Checkout checkout = Checkout.write(reader, tree, limits)) {
            skipped = checkout.skipped();
            for (BuildCommand command : commands) {
                BuildResult result = runner.run(checkout.root(), command);
                runs.add(result);
                if (!result.passed()) {
                    break;
                }
            }
        } catch (CheckoutException e) {
            throw new IOException("the merged tree cannot be checked out for the build: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while building the merged tree");
        }
        BuildResult last = runs.get(runs.size() - 1);
        List<BuildValidation.Problem> problems = new ArrayList<>();
        if (!last.passed()) {
            RegionMap map = new RegionMap(regions);
            for (Diagnostic diagnostic : last.diagnostics()) {
                RegionMap.Placement placement = map.place(diagnostic);
                Integer hunk = placement.insideConflicts() ? hunks.get(diagnostic.path()).get(placement.region())
                        : null;
                problems.add(new BuildValidation.Problem(diagnostic, hunk));
            }
        }
        return new BuildValidation(runs, problems, skipped, runner.isolation(),
                Duration.ofNanos(System.nanoTime() - started));
    }
}
