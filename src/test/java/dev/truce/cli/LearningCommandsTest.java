package dev.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.history.CalibratorTest;
import dev.truce.testing.ScenarioRepo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code truce calibrate} and what {@code truce eval} learns from a corpus: in time order only. */
class LearningCommandsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String BASE = "name=app\nversion=1.0\nflag=off\nend=1\n";
    static final String OURS = "name=app\nversion=2.0\nflag=off\nend=1\n";
    static final String THEIRS = "name=app\nversion=1.0\nflag=on\nend=1\n";

    @TempDir
    Path dir;

    private static String line(String merge, long time, String human) {
        return JSON.writeValueAsString(JSON.createObjectNode().put("id", "o/r/" + merge + "/app.properties")
                .put("repo", "o/r").put("merge_time", time).put("path", "app.properties").put("base", BASE)
                .put("ours", OURS).put("theirs", THEIRS).put("resolved", human).put("conflict_kind", "content"));
    }

    private Map<String, String> strategies(Path out) throws Exception {
        Map<String, String> byMerge = new TreeMap<>();
        for (String l : Files.readAllLines(out)) {
            JsonNode n = JSON.readTree(l);
            byMerge.put(n.get("id").asString().split("/")[2], n.get("hunks").get(0).get("strategy").asString());
        }
        return byMerge;
    }

    @Test
    void calibrateReportsEachStrategysFiguresAndTurnsOffWhatThisRepositoryDisagreesWith() throws Exception {
        Path json = dir.resolve("calibration.json");
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            CalibratorTest.history(repo, true);
        }

        CommandRun run = CommandRun.truce("calibrate", "--repo", dir.resolve("repo").toString(), "--out",
                json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 merges replayed, 12 conflicted files")
                .containsPattern("separate-line-edits\\s+properties\\s+12\\s+0\\s+0.0%\\s+off")
                .contains("separate-line-edits off for properties files: right in 0 of 12 earlier decisions")
                .contains("without: [separate-line-edits]");
        JsonNode written = JSON.readTree(Files.readString(json));
        assertThat(written.get("cases").asInt()).isEqualTo(12);
        assertThat(written.get("strategies").get(0).get("strategy").asString()).isEqualTo("separate-line-edits");
    }

    @Test
    void calibrateRefusesWhatIsNotARepository() throws Exception {
        Files.createDirectories(dir.resolve("plain"));

        CommandRun run = CommandRun.truce("calibrate", "--repo", dir.resolve("plain").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a git repository");
    }

    @Test
    void evalPrecedentsComeOnlyFromStrictlyOlderMergesOfTheSameRepository() throws Exception {
        // Given newest first: had the later merges leaked, m1 would follow the habit too.
        List<String> lines = new ArrayList<>(List.of(line("m3", 300, OURS), line("m2", 200, OURS),
                line("m1", 100, OURS)));
        Path corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, lines);
        Path out = dir.resolve("out.jsonl");

        CommandRun run = CommandRun.truce("eval", "--corpus", corpus.toString(), "--out", out.toString(), "--threads",
                "1", "--with", "precedent");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(strategies(out)).containsExactly(Map.entry("m1", "separate-line-edits"),
                Map.entry("m2", "separate-line-edits"), Map.entry("m3", "precedent"));

        CommandRun off = CommandRun.truce("eval", "--corpus", corpus.toString(), "--out", out.toString(),
                "--precedents", "off");
        assertThat(off.exitCode()).isZero();
        assertThat(strategies(out).values()).containsOnly("separate-line-edits");
    }

    @Test
    void evalTimeSplitMeasuresOnlyTheNewerHalf() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            lines.add(line("m" + i, 100L * i, OURS));
        }
        Path corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, lines);
        Path out = dir.resolve("out.jsonl");

        CommandRun run = CommandRun.truce("eval", "--corpus", corpus.toString(), "--out", out.toString(),
                "--calibrate", "time-split");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(strategies(out)).containsOnlyKeys("m3", "m4");
        assertThat(CommandRun.truce("eval", "--corpus", corpus.toString(), "--calibrate", "halves").exitCode())
                .isEqualTo(2);
    }

    @Test
    void resolveWithACalibrationLeavesWhatThisRepositorysHistoryTurnedOff() throws Exception {
        Path repoDir = dir.resolve("repo");
        Path json = dir.resolve("calibration.json");
        try (ScenarioRepo repo = ScenarioRepo.init(repoDir)) {
            CalibratorTest.history(repo, true);
        }
        assertThat(CommandRun.truce("calibrate", "--repo", repoDir.toString(), "--out", json.toString()).exitCode())
                .isZero();

        // The same two sides again (the merge's parents): the default chain combines the edits...
        CommandRun plain = CommandRun.truce("resolve", "--repo", repoDir.toString(), "--ours", "main^1", "--theirs",
                "main^2", "--branch", "plain");
        // ...the calibrated one leaves them, saying why.
        CommandRun calibrated = CommandRun.truce("resolve", "--repo", repoDir.toString(), "--ours", "main^1",
                "--theirs", "main^2", "--branch", "calibrated", "--calibration", json.toString());

        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(calibrated.exitCode()).as(calibrated.err()).isEqualTo(1);
        assertThat(calibrated.out() + calibrated.err()).contains("calibration changed this decision");
        Files.writeString(dir.resolve("bad.json"), "{\"strategies\": 3}");
        CommandRun bad = CommandRun.truce("resolve", "--repo", repoDir.toString(), "--ours", "main^1", "--theirs",
                "main^2", "--calibration", dir.resolve("bad.json").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.json is not a calibration");
    }

    @Test
    void resolveLearnsFromTheRepositorysEarlierMergesOnlyWhenAsked() throws Exception {
        Path repoDir = dir.resolve("habit");
        try (ScenarioRepo repo = ScenarioRepo.init(repoDir)) {
            // Twice the maintainers kept the receiving branch's lines where the other side flipped the flag beside
            // them; the third time is the merge to resolve.
            dev.truce.testing.Tree base = dev.truce.testing.Tree.of().file("app.properties", BASE);
            org.eclipse.jgit.revwalk.RevCommit at = repo.commit("main", base, "base");
            for (int round = 2; round <= 4; round++) {
                String kept = "name=app\nversion=" + round + ".0\nflag=off\nend=1\n";
                String flipped = ScenarioRepo.read(repo.repository(), at, "app.properties").replace("flag=off",
                        "flag=on");
                var o = repo.commit("main", dev.truce.testing.Tree.of().file("app.properties", kept), "release", at);
                var t = repo.commit("feature", dev.truce.testing.Tree.of().file("app.properties", flipped), "flag", at);
                if (round < 4) {
                    at = repo.commit("main", dev.truce.testing.Tree.of().file("app.properties", kept),
                            "Merge branch 'feature'", o, t);
                }
            }
        }

        CommandRun plain = CommandRun.truce("resolve", "--repo", repoDir.toString(), "--ours", "main", "--theirs",
                "feature", "--branch", "plain", "--with", "precedent");
        CommandRun learned = CommandRun.truce("resolve", "--repo", repoDir.toString(), "--ours", "main", "--theirs",
                "feature", "--branch", "learned", "--learn", "10", "--with", "precedent");
        CommandRun held = CommandRun.truce("resolve", "--repo", repoDir.toString(), "--ours", "main", "--theirs",
                "feature", "--branch", "held", "--learn", "10");

        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("separate-line-edits");
        assertThat(learned.exitCode()).as(learned.err()).isZero();
        assertThat(learned.out()).contains("precedent").contains("as this repository always did");
        try (var repository = dev.truce.eval.HistoryCases.open(repoDir.toFile());
                var walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
            assertThat(ScenarioRepo.read(repository, walk.parseCommit(repository.resolve("learned")),
                    "app.properties")).isEqualTo("name=app\nversion=4.0\nflag=off\nend=1\n");
        }
        // Without the precedent strategy the habit still holds separate-line-edits back: a human decides.
        assertThat(held.exitCode()).as(held.err()).isEqualTo(1);
        assertThat(held.out() + held.err()).contains("goes against this repository's history");
        assertThat(CommandRun.truce("resolve", "--repo", repoDir.toString(), "--ours", "nope", "--theirs", "feature",
                "--learn", "5").exitCode()).isEqualTo(2);
    }
}
