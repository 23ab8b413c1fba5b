package dev.truce.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.truce.eval.CaseResult;
import dev.truce.eval.CorpusReader;
import dev.truce.eval.EvalCase;
import dev.truce.eval.EvalRunner;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.ConflictedWorkTree;
import dev.truce.merge.PathConflict;
import dev.truce.merge.RepositoryMerge;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.Resolver;
import dev.truce.testing.GitCli;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every conflict shape git's merge-ort reports ends resolved or "needs a human, because ..." and never as an engine
 * error: in a merge the git CLI stopped (truce resolve in place), in JGit's in-memory merge of the same commits
 * (truce resolve --ours/--theirs, the App), and as corpus cases mined from the stages git left (truce eval --corpus).
 */
class ConflictShapesTest {

    private static final String TEXT = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n";

    @TempDir
    Path dir;

    /** A scenario: base, ours (main) and theirs (feature), and the conflict type git must report. */
    record Shape(String name, Tree base, Tree ours, Tree theirs, String reported) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> shapes() {
        Tree text = Tree.of().file("a.txt", TEXT).file("keep.txt", "k\n");
        Tree dirs = Tree.of().file("old/A.java", "class A {}\n").file("old/B.java", "class B {}\n").file("keep.txt", "k\n");
        List<Shape> shapes = List.of(
                new Shape("content", text, text.copy().file("a.txt", TEXT.replace("four", "FOUR")),
                        text.copy().file("a.txt", TEXT.replace("four", "4")), "content"),
                new Shape("add/add", text, text.copy().file("new.txt", "x\nours\n"),
                        text.copy().file("new.txt", "x\ntheirs\n"), "add/add"),
                new Shape("modify/delete", text, text.copy().file("a.txt", TEXT.replace("two", "2")),
                        text.copy().delete("a.txt"), "modify/delete"),
                new Shape("delete/modify", text, text.copy().delete("a.txt"),
                        text.copy().file("a.txt", TEXT.replace("two", "2")), "modify/delete"),
                new Shape("rename/delete", text, text.copy().delete("a.txt").file("b.txt", TEXT),
                        text.copy().delete("a.txt"), "rename/delete"),
                new Shape("rename/rename 1 to 2", text, text.copy().delete("a.txt").file("b.txt", TEXT),
                        text.copy().delete("a.txt").file("c.txt", TEXT), "rename/rename"),
                new Shape("rename/rename 2 to 1", Tree.of().file("a.txt", TEXT).file("b.txt", TEXT.toUpperCase()),
                        Tree.of().file("c.txt", TEXT).file("b.txt", TEXT.toUpperCase()),
                        Tree.of().file("a.txt", TEXT).file("c.txt", TEXT.toUpperCase()), "add/add"),
                new Shape("rename/add", text, text.copy().delete("a.txt").file("b.txt", TEXT),
                        text.copy().file("b.txt", "something\nelse\nentirely\n"), "add/add"),
                new Shape("rename and content", text,
                        text.copy().delete("a.txt").file("b.txt", TEXT.replace("four", "FOUR")),
                        text.copy().file("a.txt", TEXT.replace("four", "4")), "content"),
                new Shape("directory rename suggested", dirs,
                        Tree.of().file("new/A.java", "class A {}\n").file("new/B.java", "class B {}\n")
                                .file("keep.txt", "k\n"),
                        dirs.copy().file("old/C.java", "class C {}\n"), "file location"),
                new Shape("directory rename and add/add", dirs,
                        Tree.of().file("new/A.java", "class A {}\n").file("new/B.java", "class B {}\n")
                                .file("new/C.java", "class C { int ours; }\n").file("keep.txt", "k\n"),
                        dirs.copy().file("old/C.java", "class C { int theirs; }\n"), "CONFLICT"),
                new Shape("file/directory", text, text.copy().file("x", "a file\n"),
                        text.copy().file("x/y.txt", "a directory\n"), "file/directory"),
                new Shape("binary", text.copy().file("b.bin", new byte[] {0, 1, 2, 3}),
                        text.copy().file("b.bin", new byte[] {0, 1, 9, 3}),
                        text.copy().file("b.bin", new byte[] {0, 7, 2, 3}), "content"),
                new Shape("file/symlink", text, text.copy().file("l", "a file\n"), text.copy().symlink("l", "a.txt"),
                        "distinct types"),
                new Shape("symlink/symlink", text.copy().symlink("l", "a.txt"), text.copy().symlink("l", "keep.txt"),
                        text.copy().symlink("l", "missing"), "content"),
                new Shape("submodule", text.copy().gitlink("sub", "1111111111111111111111111111111111111111"),
                        text.copy().gitlink("sub", "2222222222222222222222222222222222222222"),
                        text.copy().gitlink("sub", "3333333333333333333333333333333333333333"), "submodule"),
                new Shape("add/add of different types", text, text.copy().file("t", "text\n"),
                        text.copy().symlink("t", "a.txt"), "distinct types"));
        return shapes.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyShapeEndsResolvedOrNeedsAHumanWithAReason(Shape shape) throws Exception {
        assumeTrue(GitCli.available(), "the git CLI (merge-ort) makes the conflicts");
        Path work = dir.resolve("work");
        try (ScenarioRepo repo = ScenarioRepo.init(work)) {
            repo.threeWay(shape.base(), shape.ours(), shape.theirs());
        }
        GitCli git = new GitCli(dir);
        assertThat(git.run(work, "reset", "--hard", "main").exitCode()).isZero();
        GitCli.Result merge = git.run(work, "-c", "merge.conflictStyle=diff3", "-c", "merge.directoryRenames=conflict",
                "merge", "--no-edit", "feature");
        assertThat(merge.exitCode()).as(merge.output()).isEqualTo(1);
        assertThat(merge.output()).contains(shape.reported());

        MergeResolver engine = new MergeResolver(new FileResolver(new Resolver(), null));
        try (Repository repository = org.eclipse.jgit.api.Git.open(work.toFile()).getRepository()) {
            // In place, as a mergetool: the stages merge-ort left.
            ComputedMerge inPlace = ConflictedWorkTree.open(repository).merge();
            assertThat(inPlace.conflicts()).isNotEmpty();
            assertEveryFileDecidedOrExplained(engine.resolve(inPlace, MergeRequest.LOCAL));
            // In memory, as truce resolve --ours/--theirs and the App merge (JGit's merger).
            ComputedMerge inMemory = new RepositoryMerge(repository).compute("main", "feature");
            if (!inMemory.isClean()) {
                assertEveryFileDecidedOrExplained(engine.resolve(inMemory, MergeRequest.LOCAL));
            }
        }
        // As eval --corpus reads what a miner took from the same stages.
        Path corpus = corpusFromStages(git, work, merge.output());
        List<EvalCase> cases = CorpusReader.read(corpus, bad -> {
            throw new AssertionError("corpus line not read: " + bad);
        });
        for (EvalCase c : cases) {
            CaseResult result = new EvalRunner().run(c);
            assertThat(result.error()).as(c.id() + " [" + c.kind().label() + "]").isNull();
            if (!result.isResolved()) {
                assertThat(reasons(result.resolution())).as(c.id()).allSatisfy(r -> assertThat(r).isNotBlank());
            }
        }
    }

    private static void assertEveryFileDecidedOrExplained(ResolvedMerge resolved) {
        for (int i = 0; i < resolved.resolutions().size(); i++) {
            FileResolution resolution = resolved.resolutions().get(i);
            PathConflict conflict = resolved.merge().conflicts().get(i);
            if (resolution.isFullyResolved()) {
                continue;
            }
            assertThat(reasons(resolution)).as(conflict.path() + " [" + conflict.kind().label() + "]")
                    .isNotEmpty().allSatisfy(r -> assertThat(r).isNotBlank());
        }
        assertThat(resolved.needsHuman()).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
    }

    /** Why each unresolved part of a file is left: its hunks' reasons, or the reason it has no hunks. */
    private static List<String> reasons(FileResolution resolution) {
        if (!resolution.file().hasHunks()) {
            return List.of(String.valueOf(resolution.file().unsupported()));
        }
        return resolution.outcomes().stream().filter(o -> !o.isResolved()).map(HunkOutcome::reason).toList();
    }

    /**
     * The corpus lines a miner writes for this merge: per conflicted path the stages' texts, the kind git reported
     * and the path's text in the work tree as the human's answer (here: what git left, which is what matters for
     * reading the case, not for scoring it).
     */
    private static Path corpusFromStages(GitCli git, Path work, String mergeOutput) throws Exception {
        Map<String, String[]> stages = new LinkedHashMap<>();
        for (String line : git.run(work, "ls-files", "-u", "-z").output().split("\0")) {
            if (line.isBlank()) {
                continue;
            }
            String[] meta = line.substring(0, line.indexOf('\t')).split(" ");
            String path = line.substring(line.indexOf('\t') + 1);
            if (meta[0].equals("160000") || meta[0].equals("120000")) {
                continue; // submodules and links are not mined as text
            }
            stages.computeIfAbsent(path, p -> new String[3])[Integer.parseInt(meta[2]) - 1] =
                    git.run(work, "cat-file", "blob", meta[1]).output();
        }
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String[]> e : stages.entrySet()) {
            String[] s = e.getValue();
            if (s[1] == null && s[2] == null) {
                continue;
            }
            ObjectNode node = json.createObjectNode();
            node.put("id", "scenario/" + e.getKey());
            node.put("path", e.getKey());
            node.put("conflict_kind", kindFor(e.getKey(), mergeOutput));
            node.put("base", s[0]);
            node.put("ours", s[1]);
            node.put("theirs", s[2]);
            Path file = work.resolve(e.getKey());
            node.put("resolved", Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : null);
            lines.add(json.writeValueAsString(node));
        }
        Path corpus = work.getParent().resolve("corpus.jsonl");
        Files.write(corpus, lines);
        return corpus;
    }

    /** The conflict type git printed for a path, as mine.py records it ("rename/rename", "file location", ...). */
    private static String kindFor(String path, String output) {
        Matcher m = Pattern.compile("CONFLICT \\(([^)]+)\\):[^\n]*" + Pattern.quote(path)).matcher(output);
        if (!m.find()) {
            return "content";
        }
        String type = m.group(1);
        return type.equals("content") ? "content" : type;
    }
}
