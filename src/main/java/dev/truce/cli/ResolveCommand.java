package dev.truce.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.VisibleText;
import dev.truce.engine.BuildValidator;
import dev.truce.engine.FileResolver;
import dev.truce.engine.MergeRequest;
import dev.truce.engine.MergeResolver;
import dev.truce.engine.ResolvedMerge;
import dev.truce.llm.ModelStage;
import dev.truce.llm.NewCode;
import dev.truce.llm.Usage;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.ConflictedWorkTree;
import dev.truce.merge.MergeCommitWriter;
import dev.truce.merge.MergeInputException;
import dev.truce.merge.PathConflict;
import dev.truce.merge.RepositoryMerge;
import dev.truce.merge.WrittenMerge;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.validate.FileChecks;

/**
 * {@code truce resolve}: merges two revisions in memory and writes a two-parent merge commit on a new branch,
 * or, without revisions, resolves the conflicted files of a {@code git merge} in progress in place.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {
            "With --ours and --theirs: merges the two revisions in memory (the work tree, index, HEAD and existing"
                    + " branches are not touched), resolves what can be resolved, and, when everything is resolved,"
                    + " writes a new branch holding the two-parent merge commit.",
            "Without them, inside a work tree in the middle of a conflicted 'git merge': resolves the conflicted"
                    + " files in place and stages the fully resolved ones, like a mergetool."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every conflict resolved (and the result written)",
            "1:conflicts left; nothing written unless --write-partial",
            "2:usage or input error (not a repository, unknown revision, existing branch, no merge in progress)",
            "3:internal failure (I/O error); nothing was changed or the error says what was"})
final class ResolveCommand implements Callable<Integer> {


    @Spec
    CommandSpec spec;

    @Option(names = "--ours", paramLabel = "REF", description = "Our revision: the first parent of the result.")
    String ours;

    @Option(names = "--theirs", paramLabel = "REF", description = "Their revision, merged into ours.")
    String theirs;

    @Option(names = "--repo", paramLabel = "PATH", defaultValue = ".",
            description = "The repository (a work tree, a .git directory or a bare repository)."
                    + " Default: ${DEFAULT-VALUE}")
    Path repo;

    @Option(names = "--branch", paramLabel = "NAME",
            description = "Branch to write the merge commit to. Default: truce/resolve-<ours>-<theirs> (short ids).")
    String branch;

    @Option(names = "--write-partial",
            description = "Also write when conflicts are left, with diff3 markers in the text files that still"
                    + " conflict; files without text (binary, modify/delete, ...) keep ours, or theirs if ours has"
                    + " none. In a work tree, partly resolved files are written but not staged.")
    boolean writePartial;

    @Option(names = "--force", description = "Overwrite the branch if it exists.")
    boolean force;

    @Option(names = "--receiving", paramLabel = "ours|theirs", defaultValue = "ours",
            converter = ReceivingSideConverter.class,
            description = "The side whose branch the result is committed to; the result keeps that branch's own"
                    + " project version where the two sides' versions are on different release lines. 'ours' is"
                    + " git's convention (merging theirs into ours); use 'theirs' when the result reaches the"
                    + " second side's branch, as when a PR's head merges its base. Default: ${DEFAULT-VALUE}")
    ReceivingSide receiving;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write a JSON report of every file and hunk.")
    Path report;

    @Option(names = "--learn", paramLabel = "N", defaultValue = "0",
            description = "Learn from the repository's N latest earlier merges (reachable from ours): a strategy"
                    + " whose result goes against a consistent habit there passes the hunk on, the model is shown the"
                    + " most alike earlier conflicts, and --with precedent follows such a habit (0: off, the default).")
    int learn;

    private dev.truce.context.Precedents precedents = dev.truce.context.Precedents.NONE;

    private final FileChecks checks = new FileChecks();

    @Option(names = "--calibration", paramLabel = "FILE.json",
            description = "Use this repository's calibration (truce calibrate --out): strategies on or off per file"
                    + " kind as its history says; --with and --without still win.")
    Path calibration;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Mixin
    StrategyOptions strategies = new StrategyOptions();

    @Mixin
    ValidationOptions validation = new ValidationOptions();

    private BuildValidator build;

    private List<ResolutionStrategy> chain;

    private ModelStage stage;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if ((ours == null) != (theirs == null)) {
            err.println("truce: give both --ours and --theirs, or neither to resolve a merge in progress");
            return ExitCodes.INPUT;
        }
        if (ours == null && (branch != null || force)) {
            err.println("truce: --branch and --force apply to --ours/--theirs merges; a merge in progress is"
                    + " resolved in its work tree");
            return ExitCodes.INPUT;
        }
        try {
            stage = modelOptions.stage();
            chain = calibration == null ? strategies.chain(receiving) : CalibrateCommand.read(calibration)
                    .chain(receiving, java.util.Set.copyOf(strategies.with), java.util.Set.copyOf(strategies.without));
            build = validation.validator();
        } catch (dev.truce.llm.ModelException | IllegalArgumentException e) {
            err.println("truce: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        if (learn < 0) {
            err.println("truce: --learn takes 0 or more merges, not " + learn);
            return ExitCodes.INPUT;
        }
        // A merge in a Java repository is checked with javac: its start overlaps opening and merging.
        checks.startJava();
        try (Repository repository = open(repo)) {
            if (learn > 0) {
                try {
                    precedents = dev.truce.history.RepositoryHistory.precedentsOf(dev.truce.eval.HistoryCases.scan(
                            repository, ours != null ? ours : "HEAD", null, learn).cases());
                } catch (IllegalArgumentException e) {
                    err.println("truce: " + e.getMessage());
                    return ExitCodes.INPUT;
                }
            }
            return ours != null ? resolveRevisions(repository) : resolveWorkTree(repository);
        } catch (MergeInputException e) {
            err.println("truce: " + e.getMessage());
            return ExitCodes.INPUT;
        } catch (IOException | JacksonException e) {
            err.println("truce: failed: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    private int resolveRevisions(Repository repository) throws MergeInputException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        ComputedMerge merge = new RepositoryMerge(repository).compute(ours, theirs);
        String oursShort = merge.ours().abbreviate(7).name();
        String theirsShort = merge.theirs().abbreviate(7).name();
        out.printf("Merging %s (%s) into %s (%s): %s%n", theirs, theirsShort, ours, oursShort,
                merge.isClean() ? "no conflicts" : merge.conflicts().size() + " conflicted file(s)");

        ResolvedMerge resolved = resolve(merge, true);
        List<FileResolution> resolutions = resolved.resolutions();
        List<ResolveReport.FileReport> files = new ArrayList<>();
        for (int i = 0; i < resolutions.size(); i++) {
            print(out, merge.conflicts().get(i), resolutions.get(i), null);
            files.add(ResolveReport.file(merge.conflicts().get(i), resolutions.get(i), null));
        }
        writeReport(files, resolved);
        long left = resolutions.stream().filter(r -> !r.isFullyResolved()).count();
        if (left > 0 && !writePartial) {
            out.printf("%d file(s) still conflicted; nothing written (--write-partial writes them with conflict"
                    + " markers).%n", left);
            return ExitCodes.CONFLICTS_LEFT;
        }
        if (resolved.build().failed() && !writePartial) {
            out.println("The resolved merge does not build; nothing written (--write-partial writes it anyway).");
            return ExitCodes.CONFLICTS_LEFT;
        }
        String name = branch != null ? branch : "truce/resolve-" + oursShort + "-" + theirsShort;
        WrittenMerge written = new MergeCommitWriter(writePartial, force).write(merge, resolved.treeResolutions(),
                name, BuildText.commitNote(resolved));
        out.printf("Wrote branch %s at %s%s%n", written.branch(), written.commit().name(),
                written.partial() ? " (PARTIAL: " + left + " file(s) still conflicted, see the commit message)"
                        : resolved.build().failed() ? " (the build FAILED, see the commit message)" : "");
        return left > 0 || resolved.build().failed() ? ExitCodes.CONFLICTS_LEFT : ExitCodes.OK;
    }

    private int resolveWorkTree(Repository repository) throws MergeInputException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        ConflictedWorkTree workTree = ConflictedWorkTree.open(repository);
        out.printf("Resolving the merge in progress in %s: %d conflicted file(s)%n", repository.getWorkTree(),
                workTree.conflicts().size());
        ResolvedMerge resolved = resolve(workTree.merge(), false);
        List<FileResolution> resolutions = resolved.resolutions();
        // A merge that does not build is not staged: with --write-partial its files are written, unstaged.
        boolean buildFailed = resolved.build().failed();
        List<ResolveReport.FileReport> files = new ArrayList<>();
        int staged = 0;
        for (int i = 0; i < resolutions.size(); i++) {
            PathConflict conflict = workTree.conflicts().get(i);
            ConflictedWorkTree.Outcome outcome = buildFailed
                    ? (writePartial ? workTree.writeUnstaged(conflict, resolutions.get(i))
                            : ConflictedWorkTree.Outcome.LEFT)
                    : workTree.apply(conflict, resolutions.get(i), writePartial);
            if (outcome == ConflictedWorkTree.Outcome.STAGED) {
                staged++;
            }
            print(out, conflict, resolutions.get(i), outcome.description());
            files.add(ResolveReport.file(conflict, resolutions.get(i), outcome.description()));
        }
        writeReport(files, resolved);
        int left = resolutions.size() - staged;
        if (left == 0) {
            out.println("All conflicts resolved and staged; review with 'git diff --cached', then 'git commit'.");
            return ExitCodes.OK;
        }
        out.printf("%d file(s) still conflicted; resolve them, or undo everything with 'git merge --abort'.%n", left);
        return ExitCodes.CONFLICTS_LEFT;
    }

    /**
     * The engine's answer for every conflicted file; prints what the model was asked and the build, when run.
     *
     * @param editCleanFiles whether a build error in a file without conflicts may be fixed there (the merge is
     *                       written as a commit; a merge in progress writes only its conflicted files)
     */
    private ResolvedMerge resolve(ComputedMerge merge, boolean editCleanFiles) throws IOException {
        FileResolver files = new FileResolver(new Resolver(chain), stage, checks, validation.repairRounds);
        ResolvedMerge resolved = new MergeResolver(files, build, "no --validate command given", editCleanFiles)
                .resolve(merge, MergeRequest.LOCAL.withPrecedents(precedents));
        if (!resolved.modelCalls().isEmpty()) {
            Usage usage = resolved.modelUsage();
            long hunks = resolved.modelCalls().stream().map(c -> c.hunkId()).distinct().count();
            int asked = resolved.modelCalls().size();
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "Model %s asked about %d hunk(s)%s: %d tokens in"
                    + " (%d cached), %d out, %d ms, estimated cost $%.6f%n", stage.strategyName(), hunks,
                    asked > hunks ? " (" + asked + " requests with the repairs)" : "", usage.inputTokens(),
                    usage.cachedInputTokens(), usage.outputTokens(), resolved.modelMillis(), resolved.modelCost());
        }
        BuildText.print(spec.commandLine().getOut(), resolved.build(), build != null);
        BuildText.printOutsideEdits(spec.commandLine().getOut(), resolved.outsideEdits());
        return resolved;
    }

    private static void print(PrintWriter out, PathConflict conflict, FileResolution resolution, String note) {
        out.printf("  %s [%s]: %s%s%n", terminalSafe(conflict.path()), conflict.kind().label(),
                resolution.isFullyResolved() ? "resolved; " : "NOT RESOLVED; ",
                ResolveReport.summary(conflict, resolution) + (note == null ? "" : " -> " + note));
        for (ConflictHunk hunk : conflict.file().hunks()) {
            HunkOutcome outcome = resolution.outcomes().get(hunk.id());
            List<String> added = NewCode.of(hunk, outcome);
            // The local user may see the details (the endpoint, the provider's error) the App keeps in its log.
            int rounds = outcome instanceof HunkOutcome.Resolved r ? r.repairRounds() : 0;
            out.printf("    hunk %d (ours line %d, theirs line %d): %s - %s%s%s%n", hunk.id(), hunk.oursLine(),
                    hunk.theirsLine(), outcome.isResolved() ? "resolved by " + outcome.strategy()
                            + (rounds > 0 ? " after " + rounds + " repair round(s)" : "") : outcome.status().label(),
                    terminalSafe(outcome.reason()),
                    outcome.detail() == null ? "" : " [" + terminalSafe(outcome.detail()) + "]",
                    added.isEmpty() ? "" : " - NEW CODE: " + added.size() + " line(s) in none of base, ours, theirs");
            for (String line : added) {
                out.printf("      + %s%n", terminalSafe(line));
            }
        }
    }

    /**
     * Model text and repository text on a terminal: control characters (ESC sequences) and invisible format
     * characters (bidirectional overrides) shown as escapes, not obeyed.
     */
    static String terminalSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\t') {
                out.append('\t');
            } else {
                VisibleText.append(out, c);
            }
        });
        return out.toString();
    }

    private void writeReport(List<ResolveReport.FileReport> files, ResolvedMerge resolved) {
        if (report != null) {
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValue(report, new ResolveReport(files, ResolveReport.build(resolved.build()),
                            resolved.outsideEdits()));
        }
    }

    /** Opens the repository at or above {@code path}; a user error when there is none. */
    static Repository open(Path path) throws MergeInputException, IOException {
        File dir = path.toAbsolutePath().normalize().toFile();
        if (!dir.exists()) {
            throw new MergeInputException("no such directory: " + dir);
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir);
        if (builder.getGitDir() == null) {
            throw new MergeInputException("not a git repository (nor any parent directory): " + dir);
        }
        return builder.setMustExist(true).build();
    }

    /** Reads {@code ours} or {@code theirs}, in any case. */
    static final class ReceivingSideConverter implements ITypeConverter<ReceivingSide> {
        @Override
        public ReceivingSide convert(String value) {
            for (ReceivingSide side : ReceivingSide.values()) {
                if (side.label().equalsIgnoreCase(value)) {
                    return side;
                }
            }
            throw new TypeConversionException("expected 'ours' or 'theirs', not '" + value + "'");
        }
    }
}
