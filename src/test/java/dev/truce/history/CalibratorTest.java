package dev.truce.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.eval.EvalCase;
import dev.truce.eval.HistoryCases;
import dev.truce.resolve.Deadline;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.ReceivingSide;
import dev.truce.testing.AdjacentEditsMerge;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;

/**
 * Calibration on scenario repositories: one whose maintainers always keep the receiving branch's lines where both
 * sides edited next to each other (separate-line-edits, which combines both edits, is wrong there and is turned off),
 * one whose maintainers combine them (it stays on).
 */
public class CalibratorTest {

    @TempDir
    Path dir;

    public static final int FILES = AdjacentEditsMerge.FILES;

    /**
     * A repository with one merge of {@code feature} into {@code main} in which {@link #FILES} properties files
     * conflicted (each side changed an adjacent line), committed by the maintainers as {@code keepOurs} says: the
     * receiving branch's lines, or both edits.
     */
    public static Repository history(ScenarioRepo repo, boolean keepOurs) throws Exception {
        Tree base = Tree.of();
        Tree ours = Tree.of();
        Tree theirs = Tree.of();
        Tree merged = Tree.of();
        AdjacentEditsMerge.addTo(base, ours, theirs, merged, keepOurs);
        RevCommit b = repo.commit("base", base, "base");
        RevCommit o = repo.commit("main", ours, "release 2.0", b);
        RevCommit t = repo.commit("feature", theirs, "turn the flag on", b);
        repo.commit("main", merged, "Merge branch 'feature'", o, t);
        return repo.repository();
    }

    static List<EvalCase> cases(Repository repository) throws Exception {
        return HistoryCases.scan(repository, "main", null, 0).cases();
    }

    @Test
    void aStrategyWrongInThisRepositorysHistoryIsTurnedOffForItsFiles() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            List<EvalCase> cases = cases(history(repo, true));
            assertThat(cases).hasSize(FILES);

            Calibration calibration = new Calibrator().calibrate("scenario", cases, ReceivingSide.OURS);

            Calibration.StrategyCalibration s = calibration.of("separate-line-edits");
            assertThat(s.byKind()).containsEntry("properties", new Calibration.Tally(FILES, 0));
            assertThat(s.decisionFor("properties")).isEqualTo(Calibration.Decision.OFF);
            assertThat(calibration.changes()).singleElement().asString()
                    .contains("separate-line-edits off for properties files: right in 0 of 12 earlier decisions");
            assertThat(calibration.suggestedConfig()).contains("without: [separate-line-edits]");

            // A new conflict of the same shape: the calibrated chain no longer takes it, and says why.
            ConflictedFile file = new ConflictModelBuilder().build(cases.get(0).versions());
            HunkOutcome outcome = new Resolver(calibration.chain(ReceivingSide.OURS, Set.of(), Set.of()))
                    .resolve(file, Deadline.NONE).outcomes().get(0);
            assertThat(outcome.isResolved()).isFalse();
            assertThat(outcome.reason()).contains("calibration changed this decision")
                    .contains("right in 0 of 12 earlier decisions");
            // The repository's own truce.yml (or --with) wins over the calibration.
            assertThat(new Resolver(calibration.chain(ReceivingSide.OURS, Set.of("separate-line-edits"), Set.of()))
                    .resolve(file, Deadline.NONE).outcomes().get(0).strategy()).isEqualTo("separate-line-edits");
        }
    }

    @Test
    void aStrategyRightInThisRepositorysHistoryStaysOn() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir)) {
            List<EvalCase> cases = cases(history(repo, false));

            Calibration calibration = new Calibrator().calibrate("scenario", cases, ReceivingSide.OURS);

            Calibration.StrategyCalibration s = calibration.of("separate-line-edits");
            assertThat(s.byKind()).containsEntry("properties", new Calibration.Tally(FILES, FILES));
            assertThat(s.decisionFor("properties")).isEqualTo(Calibration.Decision.ON);
            assertThat(calibration.changes()).isEmpty();
            ConflictedFile file = new ConflictModelBuilder().build(cases.get(0).versions());
            HunkOutcome outcome = new Resolver(calibration.chain(ReceivingSide.OURS, Set.of(), Set.of()))
                    .resolve(file, Deadline.NONE).outcomes().get(0);
            assertThat(outcome.strategy()).isEqualTo("separate-line-edits");
        }
    }

    @Test
    void tooFewDecisionsLeaveTheDefaultChain() {
        List<EvalCase> few = List.of(PrecedentsTest.merge("m1", 100, PrecedentsTest.OURS),
                PrecedentsTest.merge("m2", 200, PrecedentsTest.OURS));

        Calibration calibration = new Calibrator().calibrate("few", few, ReceivingSide.OURS);

        assertThat(calibration.of("separate-line-edits").decisionFor("properties"))
                .isEqualTo(Calibration.Decision.DEFAULT);
        assertThat(calibration.changes()).isEmpty();
        assertThat(calibration.merges()).isEqualTo(2);
        assertThat(calibration.newestMergeTime()).isEqualTo(200);
    }

    @Test
    void theSplitLearnsOnTheOlderHalfOfEachRepositorysMergesAndMeasuresTheNewer() {
        List<EvalCase> cases = List.of(PrecedentsTest.merge("m4", 400, null), PrecedentsTest.merge("m1", 100, null),
                PrecedentsTest.merge("m3", 300, null), PrecedentsTest.merge("m2", 200, null));

        TimeSplit split = TimeSplit.of(cases);

        assertThat(split.older().get("o/r")).extracting(EvalCase::mergeTime).containsExactly(100L, 200L);
        assertThat(split.evaluated()).extracting(EvalCase::mergeTime).containsExactly(400L, 300L);
    }

    @Test
    void withPrecedentsEachMergeIsReplayedKnowingOnlyTheOlderOnesAndThePrecedentStrategyIsMeasuredToo() {
        List<EvalCase> merges = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            merges.add(PrecedentsTest.merge("m" + i, 100L * i, PrecedentsTest.OURS));
        }

        Calibration learning = new Calibrator().calibrate("habit", merges, ReceivingSide.OURS, true);
        Calibration plain = new Calibrator().calibrate("habit", merges, ReceivingSide.OURS, false);

        // m1 and m2 have too few older merges for a habit; from m3 on, the habit decides (and is right).
        assertThat(learning.of("separate-line-edits").overall()).isEqualTo(new Calibration.Tally(2, 0));
        assertThat(learning.of("precedent").overall()).isEqualTo(new Calibration.Tally(10, 10));
        assertThat(learning.of("precedent").decisionFor("properties")).isEqualTo(Calibration.Decision.ON);
        assertThat(plain.of("separate-line-edits").decisionFor("properties")).isEqualTo(Calibration.Decision.OFF);
        assertThat(plain.of("precedent")).isNull();
        // precedent is opt-in: this repository's history turns it on, with the figures.
        assertThat(learning.changes()).contains("precedent on for properties files: right in 10 of 10 earlier"
                + " decisions (100.0%)");
        assertThat(learning.chain(ReceivingSide.OURS, Set.of(), Set.of())).extracting(s -> s.name())
                .contains("precedent");
        assertThat(plain.chain(ReceivingSide.OURS, Set.of(), Set.of())).extracting(s -> s.name())
                .doesNotContain("precedent");
    }
}
