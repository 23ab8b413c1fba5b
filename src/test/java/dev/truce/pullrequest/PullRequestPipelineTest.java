package dev.truce.pullrequest;

import static dev.truce.pullrequest.PullRequestScenario.HEAD;
import static dev.truce.pullrequest.PullRequestScenario.MAIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.truce.github.Permission;
import dev.truce.github.PullRequestInfo;
import dev.truce.publish.FixPublisher;
import dev.truce.testing.FakeGitHub;
import dev.truce.testing.LogCapture;
import dev.truce.testing.ScenarioRepo;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullRequestPipelineTest {

    static final String CLASH_HEAD = "class A {\n  int b;\n  int z;\n}\n";
    static final String CLASH_MAIN = "class A {\n  int c;\n  int z;\n}\n";

    @TempDir
    Path dir;

    PullRequestScenario s;

    @BeforeEach
    void scenario() throws Exception {
        s = new PullRequestScenario(dir);
    }

    @AfterEach
    void close() throws Exception {
        s.close();
    }

    String fixBranch() {
        return "truce/5-" + s.head.abbreviate(7).name();
    }

    @Test
    void everyResolvedPullRequestIsCountedFileByFileAndHunkByHunk() throws Exception {
        List<String> counted = new java.util.ArrayList<>();
        s.withMetrics(new dev.truce.observe.ResolutionMetrics() {
            @Override
            public void file(FileOutcome outcome) {
                counted.add("file " + outcome.tag());
            }

            @Override
            public void hunk(HunkResult outcome, String decidedBy) {
                counted.add("hunk " + outcome.tag() + " by " + decidedBy);
            }

            @Override
            public void validation(ValidationResult outcome, java.time.Duration took) {
                counted.add("validation " + outcome.tag());
            }
        });

        s.conflicting(HEAD, MAIN).resolve();

        assertThat(counted).containsExactly("hunk resolved by one-side-changed", "file resolved");
    }

    @Test
    void aJobThatRunsOutOfTimeLeavesWhatIsUndecidedToAHumanAndPushesNothing() throws Exception {
        s.conflicting(HEAD, MAIN);
        // The fetch takes 20 minutes of the job's 15 (truce.limits.job-timeout's default).
        s.gitHub.onGitToken = () -> s.clock.advance(java.time.Duration.ofMinutes(20));

        s.resolve();

        assertThat(s.gitHub.opened).isEmpty();
        assertThat(s.truceBranches()).isEmpty();
        assertThat(s.gitHub.commentsOn(5)).singleElement().asString().contains("1 part(s) need a human",
                "`A.java` hunk 1", "needs a human: took too long (the time limit of 15 min passed");
    }

    @Test
    void resolvableConflictBecomesATwoParentMergeCommitAndAFixPullRequest() throws Exception {
        s.conflicting(HEAD, MAIN).resolve();

        RevCommit fix = s.commitOf(fixBranch());
        assertThat(fix.getParents()).as("PR head first, base second").containsExactly(s.head, s.main);
        String merged = ScenarioRepo.read(s.origin.repository(), fix, "A.java");
        assertThat(merged).isEqualTo(MAIN).doesNotContain("<<<<<<<", "=======", ">>>>>>>");
        assertThat(ScenarioRepo.read(s.origin.repository(), fix, "README.md")).isEqualTo("app 3\n");
        assertThat(fix.getShortMessage()).isEqualTo("Merge main into feature");
        assertThat(fix.getAuthorIdent().getName()).isEqualTo("truce-app[bot]");
        assertThat(fix.getAuthorIdent().getEmailAddress()).isEqualTo("41+truce-app[bot]@users.noreply.github.com");

        assertThat(s.gitHub.opened).hasSize(1);
        FakeGitHub.Opened opened = s.gitHub.opened.get(0);
        assertThat(opened.head()).isEqualTo(fixBranch());
        assertThat(opened.base()).as("the fix targets the PR's branch").isEqualTo("feature");
        assertThat(opened.title()).isEqualTo("Resolve conflicts of #5 with main");
        assertThat(opened.body()).contains("| File | Hunk | Lines | Decision | Why |",
                "| `A.java` | 1 | line 4 | `one-side-changed` | both sides made the same change;", "merge commit with two parents",
                "<!-- truce:octo/app#5@" + s.head.name().substring(0, 12));
        assertThat(s.gitHub.commentsOn(5)).singleElement().asString()
                .contains("https://github.com/octo/app/pull/" + opened.number());
        assertThat(s.server.requests()).as("git went through the token-protected server")
                .anyMatch(r -> r.contains("git-receive-pack") && r.endsWith("-> 200"));
    }

    @Test
    void aRerunUpdatesTheFixPullRequestInsteadOfOpeningAnother() throws Exception {
        s.conflicting(HEAD, MAIN).resolve();
        s.resolve();

        assertThat(s.gitHub.opened).hasSize(1);
        assertThat(s.gitHub.updated).singleElement().extracting(FakeGitHub.Comment::number)
                .isEqualTo(s.gitHub.opened.get(0).number());
        assertThat(s.gitHub.commentsOn(5)).hasSize(1);
        assertThat(s.gitHub.closed).isEmpty();
    }

    @Test
    void whenTheHeadMovesTheStaleFixIsClosedAndItsBranchDeleted() throws Exception {
        s.conflicting(HEAD, MAIN).resolve();
        String staleBranch = fixBranch();
        int stale = s.gitHub.opened.get(0).number();

        s.pushToHead(HEAD);
        s.resolve();

        assertThat(s.gitHub.opened).hasSize(2);
        assertThat(s.gitHub.opened.get(1).head()).isEqualTo(fixBranch()).isNotEqualTo(staleBranch);
        assertThat(s.gitHub.closed).containsExactly(stale);
        assertThat(s.gitHub.commentsOn(stale)).singleElement().asString().contains("moved on");
        assertThat(s.truceBranches()).as("the stale branch is deleted").containsExactly("refs/heads/" + fixBranch());
    }

    @Test
    void aStaleFixBranchSomeoneElsePushedToIsNeitherDeletedNorItsPullRequestClosed() throws Exception {
        s.conflicting(HEAD, MAIN).resolve();
        String staleBranch = fixBranch();
        RevCommit human = s.origin.commit(staleBranch, s.baseTree.copy().file("A.java", MAIN + "// reviewed\n"),
                "reviewer: tidy the fix", s.commitOf(staleBranch));

        s.pushToHead(HEAD);
        try (LogCapture log = LogCapture.of(FixPublisher.class)) {
            s.resolve();

            assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("leaving " + staleBranch + " alone",
                    human.name(), "not a commit truce-app[bot] made"));
        }

        assertThat(s.commitOf(staleBranch)).as("the reviewer's commit is kept").isEqualTo(human);
        assertThat(s.gitHub.closed).isEmpty();
        assertThat(s.gitHub.opened).hasSize(2);
    }

    @Test
    void aBranchNamedLikeAFixButMadeByAPersonIsLeftAlone() throws Exception {
        s.conflicting(HEAD, MAIN);
        RevCommit mine = s.origin.commit("truce/5-mine", s.baseTree, "my own work", s.main);

        s.pipeline.closeFixFor(PullRequestScenario.REPO, 5);

        assertThat(s.commitOf("truce/5-mine")).isEqualTo(mine);
    }

    @Test
    void aRerunDoesNotOverwriteACommitSomeonePushedToTheFixBranch() throws Exception {
        s.conflicting(HEAD, MAIN).resolve();
        RevCommit human = s.origin.commit(fixBranch(), s.baseTree.copy().file("A.java", MAIN + "// reviewed\n"),
                "reviewer: tidy the fix", s.commitOf(fixBranch()));

        s.resolve();

        assertThat(s.commitOf(fixBranch())).isEqualTo(human);
        assertThat(s.gitHub.updated).as("the fix pull request is the reviewer's now").isEmpty();
        assertThat(s.gitHub.opened).hasSize(1);
    }

    @Test
    void aStaleFixBranchThatMovesWhileTruceClosesItIsKept() throws Exception {
        s.conflicting(HEAD, MAIN).resolve();
        String staleBranch = fixBranch();
        RevCommit truces = s.commitOf(staleBranch);
        s.pushToHead(HEAD);
        // Truce listed the branch at its own commit; a reviewer pushes right after, before the deletion.
        var answer = s.gitHub.commits;
        RevCommit[] pushed = new RevCommit[1];
        s.gitHub.commits = sha -> {
            if (sha.equals(truces.name()) && pushed[0] == null) {
                try {
                    pushed[0] = s.origin.commit(staleBranch, s.baseTree, "reviewer: one more", truces);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return answer.apply(sha);
        };

        s.resolve();

        assertThat(pushed[0]).isNotNull();
        assertThat(s.commitOf(staleBranch)).isEqualTo(pushed[0]);
        assertThat(s.gitHub.closed).isEmpty();
    }

    @Test
    void whenTheConflictIsGoneTheFixIsClosed() throws Exception {
        s.conflicting(HEAD, MAIN).resolve();
        int fix = s.gitHub.opened.get(0).number();

        // The author merged main by hand: the head now contains main.
        RevCommit merged = s.origin.commit("feature", s.baseTree.copy().file("README.md", "app 3\n")
                .file("A.java", MAIN), "merge main", s.head, s.main);
        s.head = merged;
        s.publishPull(merged, "octo/app");
        s.resolve();

        assertThat(s.gitHub.closed).containsExactly(fix);
        assertThat(s.gitHub.commentsOn(fix)).singleElement().asString().contains("no longer conflicts");
        assertThat(s.gitHub.opened).hasSize(1);
    }

    @Test
    void nothingResolvableGivesOneCommentListingTheHunksAndNoBranch() throws Exception {
        s.conflicting(CLASH_HEAD, CLASH_MAIN).resolve();
        s.resolve();

        assertThat(s.gitHub.commentsOn(5)).singleElement().asString()
                .contains("1 part(s) need a human", "`A.java` hunk 1 (head line 2, base line 2)")
                .contains("<!-- truce:needs-human:octo/app#5@")
                .satisfies(c -> assertThat(c.split("<!-- truce:", -1)).as("one marker").hasSize(2));
        assertThat(s.gitHub.opened).isEmpty();
        assertThat(s.truceBranches()).isEmpty();
    }

    @Test
    void aForkPullRequestGetsAPatchCommentAndNothingIsPushed() throws Exception {
        s.conflicting(HEAD, MAIN);
        s.publishPull(s.head, "contributor/app");
        s.resolve();
        s.resolve();

        assertThat(s.gitHub.commentsOn(5)).singleElement().asString()
                .contains("comes from a fork", "```diff", "+++ b/A.java", "+  int more;", "git apply --index");
        assertThat(s.gitHub.opened).isEmpty();
        assertThat(s.truceBranches()).isEmpty();
        assertThat(s.server.requests()).noneMatch(r -> r.contains("receive-pack"));
    }

    @Test
    void thePatchInTheForkCommentTurnsTheHeadsFilesIntoTheResolvedOnes() throws Exception {
        s.conflicting(HEAD, MAIN);
        s.publishPull(s.head, "contributor/app");
        s.resolve();

        String comment = s.gitHub.commentsOn(5).get(0);
        String patch = comment.substring(comment.indexOf("```diff\n") + 8, comment.lastIndexOf("```"));
        Path work = dir.resolve("contributor");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.cloneRepository()
                .setURI(s.origin.repository().getDirectory().toURI().toString()).setBranch("feature")
                .setDirectory(work.toFile()).call()) {
            git.apply().setPatch(new java.io.ByteArrayInputStream(patch.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8))).call();
        }
        assertThat(java.nio.file.Files.readString(work.resolve("A.java"))).isEqualTo(MAIN);
    }

    @Test
    void theBaseIsTheReceivingSideSoItsProjectVersionIsKept() throws Exception {
        s.baseTree.file("gradle.properties", "group=x\nversion=7.0.9-SNAPSHOT\n");
        s.conflicting("gradle.properties", "group=x\nversion=7.1.0-SNAPSHOT\n", "group=x\nversion=7.0.10-SNAPSHOT\n")
                .resolve();

        assertThat(ScenarioRepo.read(s.origin.repository(), s.commitOf(fixBranch()), "gradle.properties"))
                .isEqualTo("group=x\nversion=7.0.10-SNAPSHOT\n");
    }

    @Test
    void truceLeavesItsOwnFixPullRequestsAlone() throws Exception {
        s.conflicting(HEAD, MAIN).resolve();
        FakeGitHub.Opened fix = s.gitHub.opened.get(0);
        int requestsBefore = s.server.requests().size();

        s.pipeline.resolve(new ResolveRequest(PullRequestScenario.REPO, fix.number(), null, null,
                ResolveRequest.Trigger.PULL_REQUEST_EVENT, null, 0));

        assertThat(s.server.requests()).hasSize(requestsBefore);
        assertThat(s.gitHub.opened).hasSize(1);
    }

    @Test
    void modeOffDoesNothingNotEvenFetch() throws Exception {
        s.conflicting(HEAD, MAIN).config("mode: off\n");
        s.resolve();

        assertThat(s.gitHub.comments).isEmpty();
        assertThat(s.gitHub.opened).isEmpty();
        assertThat(s.server.requests()).isEmpty();
    }

    @Test
    void modeCommentPostsThePatchInsteadOfAFixPullRequest() throws Exception {
        s.conflicting(HEAD, MAIN).config("mode: comment\n");
        s.resolve();

        assertThat(s.gitHub.commentsOn(5)).singleElement().asString().contains("mode: comment", "```diff");
        assertThat(s.gitHub.opened).isEmpty();
        assertThat(s.truceBranches()).isEmpty();
    }

    @Test
    void modeOnRequestActsOnlyOnAComment() throws Exception {
        s.conflicting(HEAD, MAIN).config("mode: on-request\n");
        s.resolve(ResolveRequest.Trigger.PULL_REQUEST_EVENT);
        s.resolve(ResolveRequest.Trigger.BASE_MOVED);
        assertThat(s.gitHub.opened).isEmpty();

        s.resolve(ResolveRequest.Trigger.COMMENT);
        assertThat(s.gitHub.opened).hasSize(1);
    }

    @Test
    void anInvalidConfigIsReportedOncePerHeadAndTheDefaultsApply() throws Exception {
        s.conflicting(HEAD, MAIN).config("mode: fix-pr\nlimit: {maxFiles: 3}\n");
        s.resolve();
        s.resolve();

        assertThat(s.gitHub.commentsOn(5)).filteredOn(c -> c.contains(".github/truce.yml")).singleElement()
                .asString().contains("unknown key 'limit'", "Truce uses its defaults");
        assertThat(s.gitHub.opened).as("defaults: fix-pr").hasSize(1);
    }

    @Test
    void truceYmlTurnsOnAnOptInStrategy() throws Exception {
        String authors = "Anna Arden\nBen Brook\nEve East\nZoe Zinn\n";
        s.baseTree.file("AUTHORS", authors);
        s.conflicting("AUTHORS", authors.replace("Eve East\n", "Eve East\nFred Fox\n"),
                authors.replace("Eve East\n", "Eve East\nGina Gold\n"));
        s.resolve();
        assertThat(s.gitHub.opened).as("list-insertion is opt-in").isEmpty();

        s.config("strategies: {with: [list-insertion]}\n");
        s.resolve();

        assertThat(s.gitHub.opened).singleElement()
                .extracting(FakeGitHub.Opened::body).asString().contains("`list-insertion`");
    }

    @Test
    void ignoredPathsAreLeftToAHuman() throws Exception {
        s.conflicting(HEAD, MAIN).config("ignore: [\"*.java\"]\n");
        s.resolve();

        assertThat(s.gitHub.commentsOn(5)).singleElement().asString()
                .contains("`A.java` (whole file): ignored by .github/truce.yml");
        assertThat(s.gitHub.opened).isEmpty();
    }

    @Test
    void aConflictOverTheLimitsIsReportedNotResolved() throws Exception {
        s.conflicting(CLASH_HEAD + "// more\n", CLASH_MAIN + "// other\n").config("limits: {maxHunks: 1}\n");
        s.resolve();

        assertThat(s.gitHub.commentsOn(5)).singleElement().asString().contains("2 hunk(s)", "limits: 50 files, 1 hunks");
        assertThat(s.gitHub.opened).isEmpty();
    }

    @Test
    void closedAndDraftPullRequestsAreLeftAlone() throws Exception {
        s.conflicting(HEAD, MAIN);
        PullRequestInfo p = s.gitHub.pull(5);
        s.gitHub.pull(new PullRequestInfo(5, p.title(), p.body(), true, true, p.headRef(), p.headSha(), p.headRepo(),
                p.baseRef(), p.baseSha(), p.author(), p.htmlUrl()));
        s.resolve();
        s.gitHub.pull(new PullRequestInfo(5, p.title(), p.body(), false, false, p.headRef(), p.headSha(),
                p.headRepo(), p.baseRef(), p.baseSha(), p.author(), p.htmlUrl()));
        s.resolve();

        assertThat(s.gitHub.comments).isEmpty();
        assertThat(s.server.requests()).isEmpty();
    }

    @Test
    void closingThePullRequestClosesItsFix() throws Exception {
        s.conflicting(HEAD, MAIN).resolve();
        s.pipeline.closeFixFor(PullRequestScenario.REPO, 5);

        assertThat(s.gitHub.closed).containsExactly(s.gitHub.opened.get(0).number());
        assertThat(s.gitHub.commentsOn(s.gitHub.opened.get(0).number())).singleElement().asString()
                .contains("#5 was closed");
        assertThat(s.truceBranches()).isEmpty();
    }

    @Test
    void aMovedBaseEnqueuesOneJobPerOpenPullRequestIntoIt() throws Exception {
        s.conflicting(HEAD, MAIN);
        List<ResolveRequest> jobs = new ArrayList<>();
        s.pipeline.recheckPullRequestsInto(PullRequestScenario.REPO, "main", 10, jobs::add);
        s.pipeline.recheckPullRequestsInto(PullRequestScenario.REPO, "release", 10, jobs::add);

        assertThat(jobs).singleElement().satisfies(j -> {
            assertThat(j.number()).isEqualTo(5);
            assertThat(j.trigger()).isEqualTo(ResolveRequest.Trigger.BASE_MOVED);
            assertThat(j.headSha()).isEqualTo(s.head.name());
        });
        assertThat(s.gitHub.calls).contains("openPullRequestsInto main 10");
    }

    @Test
    void onlyWritersTriggerByCommentOthersGetOnePoliteReplyPerHour() throws Exception {
        s.gitHub.permission("maintainer", Permission.MAINTAIN).permission("viewer", Permission.READ);

        assertThat(s.pipeline.acceptCommentRequest(PullRequestScenario.REPO, 5, 900, "maintainer")).isTrue();
        assertThat(s.gitHub.reactions).containsExactly(new FakeGitHub.Reaction(900, "eyes"));

        assertThat(s.pipeline.acceptCommentRequest(PullRequestScenario.REPO, 5, 901, "viewer")).isFalse();
        assertThat(s.pipeline.acceptCommentRequest(PullRequestScenario.REPO, 5, 902, "viewer")).isFalse();
        assertThat(s.gitHub.commentsOn(5)).singleElement().asString().contains("@viewer", "write access");
        assertThat(s.gitHub.reactions).hasSize(1);

        s.clock.advance(Duration.ofMinutes(61));
        s.pipeline.acceptCommentRequest(PullRequestScenario.REPO, 5, 903, "viewer");
        assertThat(s.gitHub.commentsOn(5)).hasSize(2);
    }
}
