package dev.truce.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import dev.truce.conflict.ConflictKind;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.Resolver;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryMergeTest {

    static final String LINES = "1\n2\n3\n4\n5\n6\n7\n8\n";

    @TempDir
    Path dir;

    private ComputedMerge merge(Tree base, Tree ours, Tree theirs) throws Exception {
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        repo.threeWay(base, ours, theirs);
        return new RepositoryMerge(repo.repository()).compute("main", "feature");
    }

    private PathConflict only(ComputedMerge merge) {
        assertThat(merge.conflicts()).hasSize(1);
        return merge.conflicts().get(0);
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void aFileBuiltToMakeTheDiffQuadraticIsMergedInBoundedTimeAndConflictsAsAWhole() throws Exception {
        // 40,000 lines of a/b, changed into a/c on one side and d/b on the other: about a minute in JGit's own merge.
        Tree base = Tree.of().file("data.txt", dev.truce.testing.HostileText.alternating(40_000, "a", "b"));
        PathConflict conflict = only(merge(base,
                base.copy().file("data.txt", dev.truce.testing.HostileText.alternating(40_000, "a", "c")),
                base.copy().file("data.txt", dev.truce.testing.HostileText.alternating(40_000, "d", "b"))));

        assertThat(conflict.kind()).isEqualTo(ConflictKind.CONTENT);
        assertThat(conflict.file().hunks()).singleElement();
    }

    @Test
    void contentConflictHasHunksWithAllThreeSides() throws Exception {
        Tree base = Tree.of().file("a.txt", "1\n2\n3\n");
        PathConflict conflict = only(merge(base, base.copy().file("a.txt", "1\nO\n3\n"),
                base.copy().file("a.txt", "1\nT\n3\n")));

        assertThat(conflict.kind()).isEqualTo(ConflictKind.CONTENT);
        assertThat(conflict.file().hunks()).singleElement().satisfies(h -> {
            assertThat(h.base()).containsExactly("2\n");
            assertThat(h.ours()).containsExactly("O\n");
            assertThat(h.theirs()).containsExactly("T\n");
            assertThat(h.oursLine()).isEqualTo(2);
        });
    }

    @Test
    void addAddConflict() throws Exception {
        Tree base = Tree.of().file("keep.txt", "k\n");
        PathConflict conflict = only(merge(base, base.copy().file("n.txt", "ours\n"),
                base.copy().file("n.txt", "theirs\n")));

        assertThat(conflict.kind()).isEqualTo(ConflictKind.ADD_ADD);
        assertThat(conflict.base()).isNull();
        assertThat(conflict.file().hunks()).hasSize(1);
    }

    @Test
    void modifyDeleteAndDeleteModify() throws Exception {
        Tree base = Tree.of().file("a.txt", "1\n2\n3\n").file("b.txt", "x\ny\n");
        ComputedMerge merge = merge(base, base.copy().file("a.txt", "1\nO\n3\n").delete("b.txt"),
                base.copy().delete("a.txt").file("b.txt", "x\nT\n"));

        assertThat(merge.conflicts()).extracting(PathConflict::path, PathConflict::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a.txt", ConflictKind.MODIFY_DELETE),
                org.assertj.core.groups.Tuple.tuple("b.txt", ConflictKind.DELETE_MODIFY));
        assertThat(merge.conflicts()).allSatisfy(c -> assertThat(c.file().unsupported()).contains("deleted"));
    }

    @Test
    void renameOnOneSideAndEditOnTheOtherMergesAtTheNewPath() throws Exception {
        Tree base = Tree.of().file("a.txt", LINES);
        PathConflict conflict = only(merge(base, base.copy().file("a.txt", LINES.replace("2\n", "ours\n")),
                base.copy().delete("a.txt").file("b.txt", LINES.replace("8\n", "theirs\n"))));

        assertThat(conflict.kind()).isEqualTo(ConflictKind.RENAME);
        assertThat(conflict.path()).isEqualTo("b.txt");
        assertThat(conflict.file().oldPath()).isEqualTo("a.txt");
        assertThat(conflict.file().hunks()).isEmpty();
        assertThat(new Resolver().resolve(conflict.file()).resolvedText())
                .isEqualTo(LINES.replace("2\n", "ours\n").replace("8\n", "theirs\n"));
    }

    @Test
    void renameWithAContentConflictKeepsTheHunk() throws Exception {
        Tree base = Tree.of().file("a.txt", LINES);
        PathConflict conflict = only(merge(base, base.copy().file("a.txt", LINES.replace("2\n", "ours\n")),
                base.copy().delete("a.txt").file("src/b.txt", LINES.replace("2\n", "theirs\n"))));

        assertThat(conflict.kind()).isEqualTo(ConflictKind.RENAME);
        assertThat(conflict.path()).isEqualTo("src/b.txt");
        assertThat(conflict.file().hunks()).singleElement().satisfies(h -> {
            assertThat(h.ours()).containsExactly("ours\n");
            assertThat(h.theirs()).containsExactly("theirs\n");
        });
    }

    @Test
    void ourRenameAgainstTheirEditIsARenameToo() throws Exception {
        Tree base = Tree.of().file("a.txt", LINES);
        PathConflict conflict = only(merge(base, base.copy().delete("a.txt").file("b.txt", LINES.replace("8\n", "o\n")),
                base.copy().file("a.txt", LINES.replace("2\n", "t\n"))));

        assertThat(conflict.kind()).isEqualTo(ConflictKind.RENAME);
        assertThat(conflict.path()).isEqualTo("b.txt");
        assertThat(conflict.file().oldPath()).isEqualTo("a.txt");
    }

    @Test
    void binaryFilesAreReportedNotMerged() throws Exception {
        Tree base = Tree.of().file("img.bin", new byte[] {0, 1, 2});
        PathConflict conflict = only(merge(base, base.copy().file("img.bin", new byte[] {0, 1, 3}),
                base.copy().file("img.bin", new byte[] {0, 1, 4})));

        assertThat(conflict.kind()).isEqualTo(ConflictKind.BINARY);
        assertThat(conflict.file().hasHunks()).isFalse();
        assertThat(conflict.file().unsupported()).contains("binary");
    }

    @Test
    void submoduleConflict() throws Exception {
        Tree base = Tree.of().gitlink("lib", "1111111111111111111111111111111111111111");
        PathConflict conflict = only(merge(base, base.copy().gitlink("lib", "2222222222222222222222222222222222222222"),
                base.copy().gitlink("lib", "3333333333333333333333333333333333333333")));

        assertThat(conflict.kind()).isEqualTo(ConflictKind.SUBMODULE);
        assertThat(conflict.ours().id().name()).startsWith("2222");
    }

    @Test
    void symlinkConflict() throws Exception {
        Tree base = Tree.of().file("keep.txt", "k\n");
        PathConflict conflict = only(merge(base, base.copy().symlink("current", "v1"),
                base.copy().symlink("current", "v2")));

        assertThat(conflict.kind()).isEqualTo(ConflictKind.SYMLINK);
        assertThat(conflict.file().unsupported()).isNotBlank();
    }

    @Test
    void modeConflictWhenBothAddTheSameFileWithDifferentModes() throws Exception {
        Tree base = Tree.of().file("keep.txt", "k\n");
        PathConflict conflict = only(merge(base, base.copy().executable("run.sh", "echo hi\n"),
                base.copy().file("run.sh", "echo hi\n")));

        assertThat(conflict.kind()).isEqualTo(ConflictKind.MODE);
    }

    @Test
    void oneSidedModeChangeIsNotAConflict() throws Exception {
        Tree base = Tree.of().file("run.sh", "echo\n");
        ComputedMerge merge = merge(base, base.copy().executable("run.sh", "echo\n"),
                base.copy().file("run.sh", "echo\necho\n"));

        assertThat(merge.isClean()).isTrue();
    }

    @Test
    void directoryFileConflictEitherWay() throws Exception {
        Tree base = Tree.of().file("keep.txt", "k\n");
        ComputedMerge merge = merge(base, base.copy().file("conf", "file\n").file("data/x", "x\n"),
                base.copy().file("conf/a", "a\n").file("data", "file\n"));

        assertThat(merge.conflicts()).extracting(PathConflict::path).containsExactly("conf", "data");
        assertThat(merge.conflicts()).allSatisfy(c -> assertThat(c.kind()).isEqualTo(ConflictKind.DIRECTORY_FILE));
    }

    @Test
    void nonUtf8TextIsMergedAsBytes() throws Exception {
        byte[] latin1 = "caf\u00e9\n1\nold\n2\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Tree base = Tree.of().file("l.txt", latin1);
        PathConflict conflict = only(merge(base,
                base.copy().file("l.txt", "caf\u00e9\n1\nshared\nold\n2\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                base.copy().file("l.txt", "caf\u00e9\n1\nshared\nmore\n2\n"
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));

        FileResolution resolution = new Resolver().resolve(conflict.file());
        assertThat(resolution.isFullyResolved()).isTrue();
        assertThat(resolution.encode(dev.truce.resolve.MarkerLabels.DEFAULT))
                .isEqualTo("caf\u00e9\n1\nshared\nmore\n2\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void crissCrossHistoryMergesAgainstAVirtualBase() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("criss"))) {
            Tree b = Tree.of().file("f.txt", LINES).file("other.txt", "o\n");
            RevCommit base = repo.commit("base", b, "base");
            Tree a1Tree = b.copy().file("f.txt", LINES.replace("2\n", "a\n"));
            Tree c1Tree = b.copy().file("f.txt", LINES.replace("7\n", "c\n"));
            RevCommit a1 = repo.commit("a", a1Tree, "a1", base);
            RevCommit c1 = repo.commit("c", c1Tree, "c1", base);
            String both = LINES.replace("2\n", "a\n").replace("7\n", "c\n");
            RevCommit a2 = repo.commit("a", b.copy().file("f.txt", both).file("a2.txt", "a2\n"), "a2", a1, c1);
            RevCommit c2 = repo.commit("c", b.copy().file("f.txt", both).file("c2.txt", "c2\n"), "c2", c1, a1);
            // Against base c1 alone, line 2 would conflict (ours a2, theirs a); the virtual base has "a" there.
            repo.commit("main", b.copy().file("f.txt", both.replace("a\n", "a2\n")).file("a2.txt", "a2\n")
                    .file("other.txt", "O\n"), "a3", a2);
            repo.commit("feature", b.copy().file("f.txt", both).file("c2.txt", "c2\n").file("other.txt", "T\n"),
                    "c3", c2);

            ComputedMerge merge = new RepositoryMerge(repo.repository()).compute("main", "feature");

            assertThat(merge.conflicts()).extracting(PathConflict::path).containsExactly("other.txt");
            assertThat(repo.repository().getObjectDatabase().has(merge.trees().base()))
                    .as("virtual base tree lives only in the overlay").isFalse();
            assertThat(merge.objects().objectIds()).contains(merge.trees().base());
        }
    }

    @Test
    void bareRepositoryMergesInCore() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.initBare(dir.resolve("bare.git"))) {
            Tree base = Tree.of().file("a.txt", "1\n2\n3\n");
            repo.threeWay(base, base.copy().file("a.txt", "1\nO\n3\n"), base.copy().file("a.txt", "1\nT\n3\n"));

            ComputedMerge merge = new RepositoryMerge(repo.repository()).compute("main", "feature");

            assertThat(repo.repository().isBare()).isTrue();
            assertThat(merge.conflicts()).extracting(PathConflict::path).containsExactly("a.txt");
        }
    }

    @Test
    void computingAMergeAddsNothingToTheObjectDatabase() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("overlay"))) {
            Tree base = Tree.of().file("a.txt", "1\n2\n3\n").file("clean.txt", LINES);
            repo.threeWay(base, base.copy().file("a.txt", "1\nO\n3\n").file("clean.txt", LINES.replace("1\n", "x\n")),
                    base.copy().file("a.txt", "1\nT\n3\n").file("clean.txt", LINES.replace("8\n", "y\n")));
            long before = repo.objectFileCount();

            ComputedMerge merge = new RepositoryMerge(repo.repository()).compute("main", "feature");

            assertThat(merge.objects().size()).as("the clean file's merged blob was created").isPositive();
            assertThat(repo.objectFileCount()).isEqualTo(before);
        }
    }

    @Test
    void unknownRevisionIsAnInputError() throws Exception {
        Tree base = Tree.of().file("a.txt", "1\n");
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("bad"));
        repo.threeWay(base, base.copy().file("a.txt", "2\n"), base);
        RepositoryMerge merge = new RepositoryMerge(repo.repository());

        assertThatThrownBy(() -> merge.compute("main", "nope")).isInstanceOf(MergeInputException.class)
                .hasMessageContaining("unknown revision 'nope'");
        assertThatThrownBy(() -> merge.compute("main^{tree}", "feature")).isInstanceOf(MergeInputException.class)
                .hasMessage("'main^{tree}' is a tree, not a commit");
    }

    static List<FileResolution> resolveAll(ComputedMerge merge) {
        Resolver resolver = new Resolver();
        return merge.conflicts().stream().map(c -> resolver.resolve(c.file())).toList();
    }
}
