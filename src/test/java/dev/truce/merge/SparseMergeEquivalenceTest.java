package dev.truce.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.truce.conflict.BoundedDiff;
import dev.truce.conflict.ConflictKind;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.RecursiveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge that skips directories decided by their tree ids gives exactly what JGit's full merge gives: the same
 * conflict stages, the same merged files, the same result tree. Seeded random histories over nested directories,
 * with edits, deletions of files and directories, additions (add/add when both add a path), renames (with and
 * without an edit), binary files, identical changes on both sides, mode changes and files turned into
 * directories; some with criss-cross histories (a virtual merge base). The conflict models Truce builds from the
 * sparse merge are the ones it builds from JGit's full index.
 */
class SparseMergeEquivalenceTest {

    private static final String[] WORDS = {"alpha", "beta", "gamma", "delta"};

    @TempDir
    Path dir;

    @Test
    void everyRandomMergeMatchesJGitsFullMerge() throws Exception {
        int conflicted = 0;
        int clean = 0;
        Set<ConflictKind> kinds = java.util.EnumSet.noneOf(ConflictKind.class);
        for (int seed = 1; seed <= 80; seed++) {
            Random random = new Random(seed);
            try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo" + seed))) {
                Map<String, String> base = randomTree(random);
                RevCommit b = repo.commit("base", tree(base), "base");
                Map<String, String> ours = edit(base, random);
                Map<String, String> theirs = edit(base, random);
                shareSomeEdits(ours, theirs, random);
                RevCommit o = repo.commit("main", tree(ours), "ours", b);
                RevCommit t = repo.commit("feature", tree(theirs), "theirs", b);
                if (seed % 4 == 0) {
                    // Criss-cross: each side merges the other's first commit, so the merge has two bases.
                    repo.commit("main", tree(edit(ours, random)), "ours again", o, t);
                    repo.commit("feature", tree(edit(theirs, random)), "theirs again", t, o);
                }
                boolean isClean = compare(repo, "seed " + seed, kinds);
                if (isClean) {
                    clean++;
                } else {
                    conflicted++;
                }
            }
        }
        // The generator must reach both outcomes, or the comparison proves little.
        assertThat(conflicted).isGreaterThan(12);
        assertThat(clean).isGreaterThan(10);
        assertThat(kinds).contains(ConflictKind.CONTENT, ConflictKind.ADD_ADD, ConflictKind.MODIFY_DELETE,
                ConflictKind.DELETE_MODIFY, ConflictKind.RENAME, ConflictKind.BINARY, ConflictKind.DIRECTORY_FILE);
    }

    @Test
    void bothSidesChangingAFilesModeDifferentlyMatchesJGitsFullMerge() throws Exception {
        // Both sides change the mode of the same content differently: executable against a link.
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("modes"))) {
            Tree base = Tree.of().file("a/b/run", "target\n").file("a/c/other.txt", "x\n").file("z.txt", "z\n");
            repo.threeWay(base, base.copy().executable("a/b/run", "target\n").file("z.txt", "zz\n"),
                    base.copy().delete("a/b/run").symlink("a/b/run", "target\n"));
            Set<ConflictKind> kinds = java.util.EnumSet.noneOf(ConflictKind.class);
            assertThat(compare(repo, "modes", kinds)).isFalse();
            // Truce models a link on one side as a symlink conflict (git's mode conflict).
            assertThat(kinds).containsExactly(ConflictKind.SYMLINK);
        }
    }

    /** Compares Truce's merge of main and feature with JGit's own; returns whether the merge was clean. */
    private boolean compare(ScenarioRepo repo, String what, Set<ConflictKind> kinds) throws Exception {
        ComputedMerge sparse = new RepositoryMerge(repo.repository()).compute("main", "feature");

        OverlayInserter overlay = new OverlayInserter(repo.repository());
        FullMerger full = new FullMerger(overlay, repo.repository().getConfig());
        DirCache fullIndex = DirCache.newInCore();
        full.setDirCache(fullIndex);
        boolean fullClean = full.merge(repo.head("main"), repo.head("feature"));

        assertThat(sparse.isClean()).as(what).isEqualTo(fullClean);
        assertThat(stages(sparse.index().entries())).as(what + ": conflict stages").isEqualTo(stages(fullIndex));
        try (ObjectReader reader = overlay.newReader()) {
            SideTrees trees = new SideTrees(full.base() == null ? null : full.base().getTree(), sparse.trees().ours(),
                    sparse.trees().theirs());
            List<PathConflict> fromFull = new ConflictScanner(reader, trees, repo.repository().getConfig())
                    .scan(MergedIndex.of(fullIndex));
            assertThat(sparse.conflicts()).as(what + ": conflict models").isEqualTo(fromFull);
            sparse.conflicts().forEach(c -> kinds.add(c.kind()));
        }
        try (ObjectReader reader = sparse.objects().newReader()) {
            ObjectId composed = sparse.index().writeTree(sparse.objects(), reader, Map.of(), Set.of());
            assertThat(files(reader, composed)).as(what + ": merged files").isEqualTo(stageZero(fullIndex));
            if (fullClean) {
                assertThat(composed).as(what + ": result tree").isEqualTo(full.getResultTreeId());
            }
        }
        if (fullClean) {
            // The merger's own result, as JGit's callers read it, holds the directories it did not walk.
            SparseMerger merger = new SparseMerger(new OverlayInserter(repo.repository()),
                    repo.repository().getConfig());
            merger.setDirCache(DirCache.newInCore());
            assertThat(merger.merge(repo.head("main"), repo.head("feature"))).isTrue();
            assertThat(merger.getResultTreeId()).as(what + ": merger's result tree").isEqualTo(full.getResultTreeId());
        }
        return fullClean;
    }

    private static Set<String> stages(DirCache index) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry e = index.getEntry(i);
            if (e.getStage() != DirCacheEntry.STAGE_0) {
                out.add(e.getPathString() + " " + e.getStage() + " " + e.getFileMode() + " " + e.getObjectId().name());
            }
        }
        return out;
    }

    private static Set<String> stageZero(DirCache index) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry e = index.getEntry(i);
            if (e.getStage() == DirCacheEntry.STAGE_0) {
                out.add(e.getPathString() + " " + e.getFileMode() + " " + e.getObjectId().name());
            }
        }
        return out;
    }

    private static Set<String> files(ObjectReader reader, ObjectId tree) throws Exception {
        Set<String> out = new TreeSet<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                out.add(walk.getPathString() + " " + walk.getFileMode(0) + " " + walk.getObjectId(0).name());
            }
        }
        return out;
    }

    private static Map<String, String> randomTree(Random random) {
        Map<String, String> files = new TreeMap<>();
        for (int d = 0; d < 4; d++) {
            for (int s = 0; s < 3; s++) {
                for (int f = 0; f < 3; f++) {
                    files.put("d" + d + "/s" + s + "/f" + f + ".txt", text(random));
                }
            }
            files.put("d" + d + "/top.txt", text(random));
        }
        files.put("README", text(random));
        files.put("d0/logo.png", "\0binary\0" + text(random));
        return files;
    }

    private static Map<String, String> edit(Map<String, String> from, Random random) {
        Map<String, String> side = new TreeMap<>(from);
        List<String> paths = new ArrayList<>(from.keySet());
        int edits = 1 + random.nextInt(6);
        for (int i = 0; i < edits; i++) {
            String path = paths.get(random.nextInt(paths.size()));
            switch (random.nextInt(10)) {
                case 0, 1, 2 -> side.computeIfPresent(path, (p, text) -> changeLine(text, random));
                case 3 -> side.remove(path);
                case 8 -> {
                    // A rename, into another directory half of the time, with an edit a third of the time.
                    String text = side.remove(path);
                    if (text != null) {
                        String to = (random.nextBoolean() ? "d" + random.nextInt(4) + "/moved" : path) + "-renamed";
                        side.put(to, random.nextInt(3) == 0 ? changeLine(text, random) : text);
                    }
                }
                case 9 -> side.put(path, "\0binary" + random.nextInt(3) + "\0" + text(random));
                case 4 -> {
                    String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
                    side.keySet().removeIf(p -> !parent.isEmpty() && p.startsWith(parent + "/"));
                }
                case 5 -> side.put(path + "/new" + random.nextInt(3) + ".txt", text(random));
                case 6 -> side.put("d" + random.nextInt(3) + "/n0/added.txt", text(random));
                default -> side.computeIfPresent(path, (p, text) -> text.startsWith("#!") ? text : "#!x\n" + text);
            }
        }
        // A file and a directory cannot share a path in one tree: the directory wins, as in a real edit.
        side.keySet().removeIf(p -> side.keySet().stream().anyMatch(q -> q.startsWith(p + "/")));
        return side;
    }

    /** Now and then both sides make the same change, which must merge without a conflict. */
    private static void shareSomeEdits(Map<String, String> ours, Map<String, String> theirs, Random random) {
        for (String path : new ArrayList<>(ours.keySet())) {
            if (random.nextInt(10) == 0) {
                theirs.put(path, ours.get(path));
            }
        }
        theirs.keySet().removeIf(p -> theirs.keySet().stream().anyMatch(q -> q.startsWith(p + "/")));
    }

    private static String changeLine(String text, Random random) {
        String[] lines = text.split("\n", -1);
        lines[random.nextInt(lines.length - 1)] = WORDS[random.nextInt(WORDS.length)] + random.nextInt(3);
        return String.join("\n", lines);
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(i).append('\n');
        }
        return text.toString();
    }

    private static Tree tree(Map<String, String> files) {
        Tree tree = Tree.of();
        files.forEach((path, text) -> {
            if (text.startsWith("#!")) {
                tree.executable(path, text);
            } else if (text.startsWith("\0")) {
                tree.file(path, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            } else {
                tree.file(path, text);
            }
        });
        return tree;
    }

    /** JGit's recursive merger as Truce configures it, walking every path. */
    private static final class FullMerger extends RecursiveMerger {
        private RevCommit base;

        FullMerger(ObjectInserter inserter, Config config) {
            super(inserter, config);
            mergeAlgorithm = new MergeAlgorithm(BoundedDiff.histogram());
        }

        RevCommit base() {
            return base;
        }

        @Override
        protected RevCommit getBaseCommit(RevCommit a, RevCommit b) throws java.io.IOException {
            base = super.getBaseCommit(a, b);
            return base;
        }
    }
}
