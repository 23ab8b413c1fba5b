package dev.truce.merge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.truce.resolve.FileResolution;
import dev.truce.resolve.MarkerLabels;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * A work tree in the middle of a conflicted {@code git merge}: {@code MERGE_HEAD} exists and the index has
 * stages. Resolves files in place, as a mergetool does: a fully resolved file is written and staged; a partly
 * resolved one is written with the remaining conflicts as diff3 markers only when asked, and not staged.
 *
 * <p>A file is only overwritten while it is still exactly what the merge left (see {@link MergeLeftText}); a file
 * the user has edited is skipped. Nothing is backed up: {@code git checkout -m <path>} recreates a conflicted
 * file, and {@code git merge --abort} still works.
 */
public final class ConflictedWorkTree {

    /** What happened to one conflicted file. */
    public enum Outcome {
        /** Resolved, written and staged. */
        STAGED("resolved, written and staged"),
        /** Written with conflict markers for the remaining hunks, not staged. */
        WRITTEN_PARTIAL("written with the remaining conflicts marked, not staged"),
        /** Left as it was: not everything resolved and no partial write asked for. */
        LEFT("left as git wrote it"),
        /** Left as it was: no text to merge (binary, submodule, modify/delete, ...). */
        NOT_TEXT("left as git wrote it: not a text conflict"),
        /** Written, fully resolved, but not staged: the resolved merge does not build. */
        WRITTEN_UNBUILT("written, not staged: the resolved merge does not build"),
        /** Left as it was: edited since the merge, or its markers are gone. */
        EDITED("skipped: the file was edited since the merge (its conflict markers no longer match the index)");

        private final String description;

        Outcome(String description) {
            this.description = description;
        }

        /** One line for the user. */
        public String description() {
            return description;
        }
    }

    private static final MarkerLabels LABELS = new MarkerLabels("HEAD", "merge base", "MERGE_HEAD");

    private final Repository repository;
    private final List<PathConflict> conflicts;
    private final ComputedMerge merge;

    private ConflictedWorkTree(Repository repository, ComputedMerge merge) {
        this.repository = repository;
        this.conflicts = merge.conflicts();
        this.merge = merge;
    }

    /**
     * Reads the conflicts of the merge in progress.
     *
     * @throws MergeInputException when the repository is bare, no merge is in progress, or nothing is conflicted
     * @throws IOException         when the index or objects cannot be read
     */
    public static ConflictedWorkTree open(Repository repository) throws MergeInputException, IOException {
        if (repository.isBare()) {
            throw new MergeInputException(repository.getDirectory() + " is a bare repository: give --ours and"
                    + " --theirs to merge two revisions");
        }
        List<ObjectId> mergeHeads = repository.readMergeHeads();
        if (mergeHeads == null || mergeHeads.isEmpty()) {
            throw new MergeInputException("no merge in progress in " + repository.getWorkTree() + ": run"
                    + " 'git merge' first, or give --ours and --theirs to merge two revisions");
        }
        if (mergeHeads.size() > 1) {
            throw new MergeInputException("an octopus merge is in progress; only two-sided merges are supported");
        }
        DirCache index = repository.readDirCache();
        if (!index.hasUnmergedPaths()) {
            throw new MergeInputException("the merge in progress has no conflicted files left; commit it with"
                    + " 'git commit'");
        }
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit head = walk.parseCommit(repository.resolve(Constants.HEAD));
            RevCommit theirs = walk.parseCommit(mergeHeads.get(0));
            // The git CLI has already detected renames, so no base tree: the scanner needs none.
            SideTrees scanned = new SideTrees(null, head.getTree(), theirs.getTree());
            MergedIndex merged = MergedIndex.of(index);
            List<PathConflict> conflicts = new ConflictScanner(reader, scanned, repository.getConfig()).scan(merged);
            SideTrees trees = new SideTrees(mergeBaseTree(walk, head, theirs), head.getTree(), theirs.getTree());
            return new ConflictedWorkTree(repository, new ComputedMerge(repository, new OverlayInserter(repository),
                    head, theirs, Constants.HEAD, Constants.MERGE_HEAD, trees, merged, conflicts));
        }
    }

    /** The merge in progress as the engine takes a merge: the index, its conflicts, and the two commits. */
    public ComputedMerge merge() {
        return merge;
    }

    /** The tree of the merge base, or {@code null} when there is not exactly one (then nothing needs it). */
    private static ObjectId mergeBaseTree(RevWalk walk, RevCommit ours, RevCommit theirs) throws IOException {
        walk.reset();
        walk.setRevFilter(RevFilter.MERGE_BASE);
        walk.markStart(walk.parseCommit(ours));
        walk.markStart(walk.parseCommit(theirs));
        RevCommit base = walk.next();
        RevCommit second = base == null ? null : walk.next();
        walk.reset();
        walk.setRevFilter(RevFilter.ALL);
        return base == null || second != null ? null : base.getTree().getId();
    }

    /** The conflicted paths, sorted. */
    public List<PathConflict> conflicts() {
        return conflicts;
    }

    /**
     * Writes one file's resolution into the work tree if it is still what the merge left.
     *
     * @param partial whether a partly resolved file is written with markers
     * @throws IOException when the file cannot be read or written, or the index cannot be updated
     */
    public Outcome apply(PathConflict conflict, FileResolution resolution, boolean partial) throws IOException {
        if (!conflict.file().hasHunks()) {
            return Outcome.NOT_TEXT;
        }
        boolean complete = resolution.isFullyResolved();
        if (!complete && !partial) {
            return Outcome.LEFT;
        }
        Path file = repository.getWorkTree().toPath().resolve(conflict.path());
        if (!isAsMergeLeftIt(file, conflict)) {
            return Outcome.EDITED;
        }
        Files.write(file, resolution.encode(LABELS));
        if (!complete) {
            return Outcome.WRITTEN_PARTIAL;
        }
        try {
            Git.wrap(repository).add().addFilepattern(conflict.path()).call();
        } catch (GitAPIException e) {
            throw new IOException("wrote " + conflict.path() + " but could not stage it: " + e.getMessage(), e);
        }
        return Outcome.STAGED;
    }

    /**
     * Writes a fully resolved file without staging it (its merge does not build, so the user should look first); a
     * file that is not fully resolved, not text, or edited since the merge is left as it is.
     */
    public Outcome writeUnstaged(PathConflict conflict, FileResolution resolution) throws IOException {
        if (!conflict.file().hasHunks()) {
            return Outcome.NOT_TEXT;
        }
        if (!resolution.isFullyResolved()) {
            return Outcome.LEFT;
        }
        Path file = repository.getWorkTree().toPath().resolve(conflict.path());
        if (!isAsMergeLeftIt(file, conflict)) {
            return Outcome.EDITED;
        }
        Files.write(file, resolution.encode(LABELS));
        return Outcome.WRITTEN_UNBUILT;
    }

    private boolean isAsMergeLeftIt(Path file, PathConflict conflict) throws IOException {
        if (!Files.isRegularFile(file) || conflict.ours() == null || conflict.theirs() == null) {
            return false;
        }
        Optional<MergeLeftText> left = MergeLeftText.parse(latin1(Files.readAllBytes(file)));
        try (ObjectReader reader = repository.newObjectReader()) {
            return left.isPresent() && left.get().blocks() > 0
                    && left.get().ours().equals(latin1(reader.open(conflict.ours().id()).getBytes()))
                    && left.get().theirs().equals(latin1(reader.open(conflict.theirs().id()).getBytes()));
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
