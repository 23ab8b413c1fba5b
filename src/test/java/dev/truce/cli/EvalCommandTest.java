package dev.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.eval.HistoryCasesTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EvalCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private String stdout;
    private String stderr;

    private int truce(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return TruceCommand.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            stdout = out.toString(StandardCharsets.UTF_8);
            stderr = err.toString(StandardCharsets.UTF_8);
        }
    }

    private static String line(String id, String path, String base, String ours, String theirs, String human) {
        var node = JSON.createObjectNode().put("id", id).put("path", path).put("base", base).put("ours", ours)
                .put("theirs", theirs).put("resolved", human).put("conflict_kind", "content");
        return JSON.writeValueAsString(node);
    }

    private Path corpus(String name, boolean gzip, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** Gzip: one file Truce resolves exactly, one it leaves, one corrupt line. Plain: a lockfile, a bad case. */
    private List<Path> tinyCorpus() throws IOException {
        Path gz = corpus("a.jsonl.gz", true, List.of(
                line("r/1/Exact.java", "Exact.java", "1\n2\n3\n", "1\nA\n2\n3\n", "1\nA\nT\n3\n", "1\nA\nT\n3\n"),
                line("r/1/app.properties", "app.properties", "v=1\n", "v=2\n", "v=3\n", "v=3\n"),
                "{\"id\": \"broken")); // cut off mid-line
        Path plain = corpus("b.jsonl", false, List.of(
                line("r/2/poetry.lock", "poetry.lock", "x=1\n", "x=2\n", "x=3\n", "x=4\n"),
                "{\"id\": \"r/2/no-sides\", \"path\": \"p.txt\"}"));
        return List.of(gz, plain);
    }

    @Test
    void evalWritesThroughPicocliWritersLikeResolveAndUsesTheSharedExitCodes() throws IOException {
        List<Path> corpus = tinyCorpus();
        PrintStream oldOut = System.out;
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        CommandRun run;
        try {
            System.setOut(new PrintStream(direct, true, StandardCharsets.UTF_8));
            run = CommandRun.truce("eval", "--corpus", corpus.get(0).toString(), corpus.get(1).toString());
        } finally {
            System.setOut(oldOut);
        }

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Truce eval: ").contains("Baselines on the same cases");
        assertThat(run.err()).contains("skipped corrupt line");
        assertThat(direct.toString(StandardCharsets.UTF_8)).as("nothing bypasses the command line's writers")
                .isEmpty();
        CommandRun bad = CommandRun.truce("eval", "--corpus", dir.resolve("missing.jsonl").toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.INPUT).isEqualTo(2);
        assertThat(bad.err()).startsWith("truce eval: ");
        assertThat(CommandRun.truce("resolve", "--ours", "a").exitCode()).isEqualTo(ExitCodes.INPUT);
    }

    @Test
    void corpusRunWritesOneLinePerCaseAReportAndASummary() throws IOException {
        List<Path> corpus = tinyCorpus();
        Path out = dir.resolve("results.jsonl");
        Path summary = dir.resolve("summary.json");

        int exit = truce("eval", "--corpus", corpus.get(0).toString(), corpus.get(1).toString(),
                "--out", out.toString(), "--summary", summary.toString());

        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        JsonNode exact = JSON.readTree(lines.get(0));
        assertThat(exact.get("id").asString()).isEqualTo("r/1/Exact.java");
        assertThat(exact.get("resolved").asString()).isEqualTo("1\nA\nT\n3\n");
        assertThat(exact.get("match").asString()).isEqualTo("exact");
        assertThat(exact.at("/hunks/0/status").asString()).isEqualTo("resolved");
        assertThat(exact.at("/hunks/0/strategy").asString()).isEqualTo("one-side-changed");
        assertThat(exact.at("/hunks/0/reason").asString()).isNotBlank();
        JsonNode left = JSON.readTree(lines.get(1));
        assertThat(left.get("resolved").isNull()).isTrue();
        assertThat(left.at("/hunks/0/status").asString()).isEqualTo("unresolved");
        assertThat(JSON.readTree(lines.get(2)).get("id").asString()).isEqualTo("r/2/poetry.lock");

        assertThat(stdout).contains("Truce eval: 3 files").contains("2 corrupt lines skipped")
                .containsPattern("resolved, exact match\\s+1\\s+1")
                .containsPattern("not resolved\\s+1\\s+1")
                .containsPattern("regenerate\\s+1\\s+1")
                .containsPattern("take theirs hunks \\(-X theirs\\)\\s+3\\s+2\\s+2");
        assertThat(stderr).contains("b.jsonl:2").contains("a.jsonl.gz:3");

        JsonNode s = JSON.readTree(summary.toFile());
        assertThat(s.at("/totals/files/count").asInt()).isEqualTo(3);
        assertThat(s.at("/totals/files/exact").asInt()).isEqualTo(1);
        assertThat(s.at("/totals/files/coverage").asDouble()).isEqualTo(0.3333);
        assertThat(s.at("/skipped/corrupt lines").asInt()).isEqualTo(2);
        assertThat(s.at("/baselines/take ours hunks (-X ours)/filesMatching").asInt()).isZero();
        assertThat(s.at("/strategies/one-side-changed/hunksMatching").asInt()).isEqualTo(1);
        assertThat(s.at("/timingMillis/run").isNumber()).isTrue();
    }

    @Test
    void withAndWithoutChangeTheChainThatIsMeasuredAndUnknownNamesAreRefused() throws IOException {
        String authors = "Anna Arden\nBen Brook\nEve East\nZoe Zinn\n";
        Path c = corpus("list.jsonl", false, List.of(line("r/3/AUTHORS", "AUTHORS", authors,
                authors.replace("Eve East\n", "Eve East\nFred Fox\n"),
                authors.replace("Eve East\n", "Eve East\nGina Gold\n"),
                authors.replace("Eve East\n", "Eve East\nFred Fox\nGina Gold\n"))));

        assertThat(truce("eval", "--corpus", c.toString())).isZero();
        assertThat(stdout).containsPattern("not resolved\\s+1\\s+1");

        assertThat(truce("eval", "--corpus", c.toString(), "--with", "list-insertion")).isZero();
        assertThat(stdout).containsPattern("resolved, exact match\\s+1\\s+1").contains("list-insertion");

        assertThat(truce("eval", "--corpus", c.toString(), "--without", "one-side-change")).isEqualTo(2);
        assertThat(stderr).contains("unknown strategy one-side-change", "one-side-changed");
    }

    @Test
    void missingCorpusFileIsAOneLineErrorWithExit2() {
        int exit = truce("eval", "--corpus", dir.resolve("nope.jsonl.gz").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.strip()).doesNotContain("\n").contains("nope.jsonl.gz").contains("does not exist");
        assertThat(stdout).isEmpty();
    }

    @Test
    void plainFileNamedGzIsRefusedWithExit2() throws IOException {
        Path fake = corpus("fake.jsonl.gz", false, List.of(line("x", "x.txt", "a\n", "b\n", "c\n", "c\n")));

        assertThat(truce("eval", "--corpus", fake.toString())).isEqualTo(2);
        assertThat(stderr.strip()).doesNotContain("\n").contains("not gzip");
    }

    @Test
    void corpusAndRepoAreMutuallyExclusiveAndOneIsRequired() throws IOException {
        Path c = tinyCorpus().get(0);
        assertThat(truce("eval", "--corpus", c.toString(), "--repo", dir.toString())).isEqualTo(2);
        assertThat(truce("eval")).isEqualTo(2);
        assertThat(truce("eval", "--corpus", c.toString(), "--limit", "3")).isEqualTo(2);
    }

    @Test
    void notAGitRepositoryIsAClearErrorWithExit2() throws IOException {
        Path plain = Files.createDirectories(dir.resolve("plain"));

        assertThat(truce("eval", "--repo", plain.toString())).isEqualTo(2);
        assertThat(stderr).contains("is not a git repository");
    }

    @Test
    void repoRunScoresTheMergesOfItsHistory() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        HistoryCasesTest.conflictedMerge(repo, "name=truce\nversion=3\nport=80\n");
        Path out = dir.resolve("repo.jsonl");
        Path summary = dir.resolve("repo-summary.json");

        int exit = truce("eval", "--repo", repo.toString(), "--out", out.toString(), "--summary",
                summary.toString());

        assertThat(exit).isZero();
        assertThat(Files.readAllLines(out)).singleElement().satisfies(l ->
                assertThat(JSON.readTree(l).get("id").asString()).endsWith("/app.properties"));
        JsonNode s = JSON.readTree(summary.toFile());
        assertThat(s.at("/totals/files/count").asInt()).isEqualTo(1);
        assertThat(s.at("/baselines/take theirs hunks (-X theirs)/filesMatching").asInt()).isEqualTo(1);
    }
}
