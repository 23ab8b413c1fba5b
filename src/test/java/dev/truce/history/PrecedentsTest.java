package dev.truce.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictKind;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.context.Precedent;
import dev.truce.context.Precedents;
import dev.truce.eval.EvalCase;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.Strategies;

/** Precedents read off earlier merges, offered in time order, and a consistent habit that holds a strategy back. */
class PrecedentsTest {

    static final String PATH = "app.properties";
    static final String BASE = "name=app\nversion=1.0\nflag=off\nend=1\n";
    static final String OURS = "name=app\nversion=2.0\nflag=off\nend=1\n";
    static final String THEIRS = "name=app\nversion=1.0\nflag=on\nend=1\n";

    static FileVersions versions() {
        return new FileVersions(PATH, BASE.getBytes(StandardCharsets.UTF_8), OURS.getBytes(StandardCharsets.UTF_8),
                THEIRS.getBytes(StandardCharsets.UTF_8));
    }

    /** A merge of the repository {@code o/r} at {@code time} whose maintainers committed {@code human}. */
    static EvalCase merge(String merge, long time, String human) {
        return new EvalCase("o/r/" + merge + "/" + PATH, versions(), ConflictKind.CONTENT, "properties", human, null,
                null, "o/r", time);
    }

    static ConflictedFile file() {
        return new ConflictModelBuilder().build(versions());
    }

    @Test
    void aPrecedentIsTheConflictAndWhatTheMaintainersCommittedInItsPlace() {
        List<Precedent> found = new PrecedentExtractor(new ConflictModelBuilder()).of(merge("m1", 100, OURS));

        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.merge()).isEqualTo("m1");
            assertThat(p.path()).isEqualTo(PATH);
            assertThat(p.mergeTime()).isEqualTo(100);
            assertThat(String.join("", p.ours())).isEqualTo("version=2.0\nflag=off\n");
            assertThat(String.join("", p.resolved())).isEqualTo("version=2.0\nflag=off\n");
            assertThat(p.choice()).isEqualTo(Precedent.Choice.OURS);
            assertThat(p.keptMergedText()).isTrue();
        });
    }

    @Test
    void onlyMergesStrictlyOlderThanTheOneResolvedAreOffered() {
        PrecedentIndex index = RepositoryHistory.precedentsOf(List.of(merge("m3", 300, OURS), merge("m1", 100, OURS),
                merge("m2", 200, OURS)));
        var hunk = file().hunks().get(0);

        assertThat(index.size()).isEqualTo(3);
        assertThat(index.olderThan(200).find(PATH, hunk, 10)).extracting(m -> m.precedent().merge())
                .containsExactly("m1");
        assertThat(index.olderThan(100).find(PATH, hunk, 10)).isEmpty();
        assertThat(index.olderThan(301).find(PATH, hunk, 10)).extracting(m -> m.precedent().merge())
                .containsExactly("m3", "m2", "m1");
        assertThat(index.olderThan(250).ofFile(PATH, 10)).extracting(Precedent::merge).containsExactly("m2", "m1");
    }

    @Test
    void aStrategyThatGoesAgainstAConsistentHabitPassesTheHunkToThePrecedentStrategy() {
        ConflictedFile file = file();
        Resolver resolver = new Resolver(Strategies.select(dev.truce.strategy.ReceivingSide.OURS,
                List.of("precedent"), List.of()));
        // Without history, separate-line-edits combines the two edits: a rule of merging, right in most repositories.
        FileResolution plain = resolver.resolve(file, Deadline.NONE);
        assertThat(plain.outcomes().get(0).strategy()).isEqualTo("separate-line-edits");

        // Here the receiving branch kept its own lines in both earlier merges of this file.
        Precedents history = RepositoryHistory.precedentsOf(List.of(merge("m1", 100, OURS), merge("m2", 200, OURS)))
                .olderThan(300);
        HunkOutcome outcome = resolver.resolve(file, Deadline.NONE, history).outcomes().get(0);

        assertThat(outcome.strategy()).isEqualTo("precedent");
        assertThat(outcome.isResolved()).isTrue();
        assertThat(String.join("", outcome.lines())).isEqualTo("version=2.0\nflag=off\n");
        assertThat(outcome.reason()).contains("ours").contains("in the 2 latest earlier merges");
    }

    @Test
    void oneEarlierMergeOrADisagreeingHistoryIsNoHabit() {
        var hunk = file().hunks().get(0);
        Precedents one = RepositoryHistory.precedentsOf(List.of(merge("m1", 100, OURS))).olderThan(300);
        Precedents split = RepositoryHistory.precedentsOf(List.of(merge("m1", 100, OURS), merge("m2", 200, THEIRS),
                merge("m3", 250, OURS))).olderThan(300);

        assertThat(one.habit(PATH, hunk)).isEmpty();
        assertThat(split.habit(PATH, hunk)).isEmpty();
        assertThat(new Resolver(Strategies.defaults()).resolve(file(), Deadline.NONE, split).outcomes().get(0)
                .strategy()).isEqualTo("separate-line-edits");
    }

    @Test
    void maintainersWhoAlwaysEditOutsideTheConflictsLeaveTheFileToSomeoneWhoCan() {
        // Each time they took ours' whole file, undoing theirs' clean change far from the conflict.
        String base = "a=1\nb=1\nc=1\nd=1\ne=1\nf=1\ng=1\n";
        String ours = "a=2\nb=1\nc=1\nd=1\ne=1\nf=1\ng=1\n";
        String theirs = "a=3\nb=1\nc=1\nd=1\ne=1\nf=1\ng=3\n";
        FileVersions v = versions(base, ours, theirs);
        List<EvalCase> earlier = List.of(caseOf("m1", v, ours, 100), caseOf("m2", v, ours, 200));
        Precedents history = RepositoryHistory.precedentsOf(earlier).olderThan(300);

        assertThat(history.editsOutsideConflicts(PATH)).hasValueSatisfying(
                reason -> assertThat(reason).contains("outside the conflicts"));
        ConflictedFile file = new ConflictModelBuilder().build(v);
        assertThat(new Resolver(Strategies.defaults()).resolve(file, Deadline.NONE, history).outcomes())
                .allSatisfy(o -> assertThat(o.isResolved()).isFalse());
    }

    @Test
    void aMergeWhoseOtherSideHadNoCleanChangeNeitherMakesNorBreaksTheHabitOfEditingOutside() {
        String base = "a=1\nb=1\nc=1\nd=1\ne=1\nf=1\ng=1\n";
        String ours = "a=2\nb=1\nc=1\nd=1\ne=1\nf=1\ng=1\n";
        String theirsWithCleanChange = "a=3\nb=1\nc=1\nd=1\ne=1\nf=1\ng=3\n";
        String theirsConflictOnly = "a=3\nb=1\nc=1\nd=1\ne=1\nf=1\ng=1\n";
        FileVersions undone = versions(base, ours, theirsWithCleanChange);
        FileVersions nothingToUndo = versions(base, ours, theirsConflictOnly);
        // m1, m3: ours' whole file, theirs' clean change undone. m2: ours' whole file, which kept the merged text only
        // because theirs changed nothing else.
        List<EvalCase> oneSided = List.of(caseOf("m1", undone, ours, 100), caseOf("m2", nothingToUndo, ours, 200),
                caseOf("m3", undone, ours, 300));
        // m2 instead kept theirs' clean change while taking ours in the conflict: the habit is broken.
        List<EvalCase> kept = List.of(caseOf("m1", undone, ours, 100),
                caseOf("m2", undone, "a=2\nb=1\nc=1\nd=1\ne=1\nf=1\ng=3\n", 200), caseOf("m3", undone, ours, 300));

        assertThat(RepositoryHistory.precedentsOf(oneSided).precedents()).extracting(Precedent::committedOneSide)
                .containsOnly(true);
        assertThat(RepositoryHistory.precedentsOf(oneSided).olderThan(400).editsOutsideConflicts(PATH))
                .hasValueSatisfying(reason -> assertThat(reason).contains("2 latest earlier merges").contains("m3 "));
        // The latest merge is the one that counts neither way: the reason names a merge that did count.
        List<EvalCase> latestSkipped = List.of(caseOf("m1", undone, ours, 100), caseOf("m2", undone, ours, 200),
                caseOf("m3", nothingToUndo, ours, 300));
        assertThat(RepositoryHistory.precedentsOf(latestSkipped).olderThan(400).editsOutsideConflicts(PATH))
                .hasValueSatisfying(reason -> assertThat(reason).contains("one: m2 ").doesNotContain("m3"));
        // Theirs' whole file, where ours changed nothing else, counts neither way too.
        List<EvalCase> theirsWhole = List.of(caseOf("m1", undone, ours, 100),
                caseOf("m2", nothingToUndo, theirsConflictOnly, 200), caseOf("m3", undone, ours, 300));
        assertThat(RepositoryHistory.precedentsOf(theirsWhole).olderThan(400).editsOutsideConflicts(PATH)).isPresent();
        // Nothing but merges that count neither way: no habit.
        assertThat(RepositoryHistory.precedentsOf(List.of(caseOf("m1", nothingToUndo, ours, 100),
                caseOf("m2", nothingToUndo, ours, 200))).olderThan(400).editsOutsideConflicts(PATH)).isEmpty();
        assertThat(RepositoryHistory.precedentsOf(kept).olderThan(400).editsOutsideConflicts(PATH)).isEmpty();
    }

    @Test
    void aSideIsComparedAsTheConflictModelDecodedIt() {
        // Latin-1 sides: decoded as UTF-8, both non-ASCII letters would be the same replacement character.
        String base = "a=1\nb=1\nc=1\n";
        String ours = "a=\u00e9\nb=1\nc=1\n";
        String theirs = "a=\u00e8\nb=1\nc=1\n";
        FileVersions latin1 = new FileVersions(PATH, base.getBytes(StandardCharsets.ISO_8859_1),
                ours.getBytes(StandardCharsets.ISO_8859_1), theirs.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(new PrecedentExtractor(new ConflictModelBuilder()).of(caseOf("m1", latin1, ours, 100)))
                .singleElement().satisfies(p -> assertThat(p.committedOneSide()).isTrue());
    }

    private static FileVersions versions(String base, String ours, String theirs) {
        return new FileVersions(PATH, base.getBytes(StandardCharsets.UTF_8), ours.getBytes(StandardCharsets.UTF_8),
                theirs.getBytes(StandardCharsets.UTF_8));
    }

    private static EvalCase caseOf(String merge, FileVersions v, String human, long time) {
        return new EvalCase("o/r/" + merge + "/" + PATH, v, ConflictKind.CONTENT, "properties", human, null, null,
                "o/r", time);
    }
}
