package dev.truce.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.truce.fixtures.ScenarioRepo;
import dev.truce.fixtures.Tree;
import dev.truce.github.PullRequestInfo;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.RepositoryMerge;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.Strategies;
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

    @Test
    void theAppCommitsAsItsBotWithTheNoreplyAddress() {
        assertThat(new AppIdentity("truce-app", 41).email()).isEqualTo("41+truce-app[bot]@users.noreply.github.com");
        assertThat(new AppIdentity("truce-app", 0).email()).isEqualTo("truce-app[bot]@users.noreply.github.com");
    }
}
