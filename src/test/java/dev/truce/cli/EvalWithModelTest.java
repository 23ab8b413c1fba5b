package dev.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code truce eval} over a tiny corpus with prompts dumped, then answered by hand and replayed. */
class EvalWithModelTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private String stdout;

    private int truce(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return TruceCommand.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            stdout = out.toString(StandardCharsets.UTF_8);
        }
    }

    private static String line(String id, String ours, String theirs, String human) {
        String base = "class A {\n    int f() {\n        return 0;\n    }\n}\n";
        return JSON.writeValueAsString(JSON.createObjectNode().put("id", id).put("path", "src/" + id + ".java")
                .put("base", base).put("ours", base.replace("return 0;", ours))
                .put("theirs", base.replace("return 0;", theirs)).put("resolved", base.replace("return 0;", human))
                .put("conflict_kind", "content").put("ours_subject", "subject of ours " + id)
                .put("theirs_subject", "subject of theirs " + id));
    }

    @Test
    void modelStageIsReportedApartFromTheStrategies() throws Exception {
        Path corpus = dir.resolve("tiny.jsonl");
        Files.writeString(corpus, String.join("\n", List.of(
                line("match", "return 1;", "return 2;", "return 3;"),
                line("differ", "return 4;", "return 5;", "return 6;"),
                line("unrecorded", "return 7;", "return 8;", "return 9;"))) + "\n");
        Path prompts = dir.resolve("prompts");
        assertThat(truce("eval", "--corpus", corpus.toString(), "--threads", "1", "--dump-prompts",
                prompts.toString())).isZero();
        Path replay = Files.createDirectories(dir.resolve("replay"));
        try (Stream<Path> files = Files.list(prompts)) {
            for (Path p : files.toList()) {
                String content = JSON.readTree(p.toFile()).get("content").asString();
                String stable = JSON.readTree(p.toFile()).get("stablePrefix").asString();
                String answer = stable.contains("subject of ours match") ? "        return 3;"
                        : stable.contains("subject of ours differ") ? "        return 4 + 5;" : null;
                assertThat(content).contains("CONFLICT h0");
                if (answer != null) {
                    Files.writeString(replay.resolve(p.getFileName()), JSON.writeValueAsString(JSON.createObjectNode()
                            .put("answer", "<<<HUNK h0 RESOLVED confidence=medium>>>\n" + answer
                                    + "\n<<<END h0>>>\nrationale: by hand\n")
                            .put("latencyMillis", 500)
                            .set("usage", JSON.createObjectNode().put("inputTokens", 1000).put("outputTokens", 20))));
                }
            }
        }
        Path summary = dir.resolve("summary.json");

        assertThat(truce("eval", "--corpus", corpus.toString(), "--threads", "2", "--model", "replay:" + replay,
                "--summary", summary.toString())).isZero();

        assertThat(stdout).contains("deterministic strategies: 0 resolved",
                "model stage: 3 asked: 1 resolved and matching, 1 resolved but different, 1 declined",
                "model per hunk: 667 tokens in (0 cached), 13 out, 333 ms");
        JsonNode model = JSON.readTree(summary.toFile()).get("stages").get("model");
        assertThat(model.get("resolvedMatching").asInt()).isEqualTo(1);
        assertThat(model.get("resolvedDifferent").asInt()).isEqualTo(1);
        assertThat(model.get("declined").asInt()).isEqualTo(1);
        assertThat(model.get("inputTokens").asLong()).isEqualTo(2000);
    }
}
