package dev.truce.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.truce.eval.CaseResult;
import dev.truce.eval.CorpusFormatException;
import dev.truce.eval.CorpusReader;
import dev.truce.eval.EvalCase;
import dev.truce.eval.EvalReport;
import dev.truce.eval.EvalRunner;
import dev.truce.resolve.HunkOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code truce eval}: replays real merges and scores Truce against what humans committed. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Replay real conflicted merges and score Truce against the human resolutions.")
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--corpus", arity = "1..*", required = true, paramLabel = "FILE",
            description = "Corpus files (.jsonl or .jsonl.gz), one conflicted file per line.")
    List<Path> corpora = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write one JSON line per case here.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        List<EvalCase> cases = new ArrayList<>();
        int[] bad = {0};
        for (Path corpus : corpora) {
            try {
                cases.addAll(CorpusReader.read(corpus, msg -> {
                    bad[0]++;
                    err.println("skipped: " + msg);
                }));
            } catch (CorpusFormatException e) {
                err.println("truce eval: " + e.getMessage());
                return 2;
            }
        }
        long start = System.nanoTime();
        List<CaseResult> results = new EvalRunner().runAll(cases);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (out != null) {
            writeResults(results, out);
        }
        new EvalReport(results).print(System.out);
        System.out.printf("%d cases in %d ms; %d corrupt lines skipped%n", results.size(), millis, bad[0]);
        return 0;
    }

    private static void writeResults(List<CaseResult> results, Path out) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        try (var writer = Files.newBufferedWriter(out)) {
            for (CaseResult r : results) {
                ObjectNode node = json.createObjectNode();
                node.put("id", r.evalCase().id());
                node.put("resolved", r.resolved());
                ArrayNode hunks = node.putArray("hunks");
                if (r.resolution() != null) {
                    for (HunkOutcome o : r.resolution().outcomes()) {
                        hunks.addObject().put("status", o.status().label()).put("strategy", o.strategy())
                                .put("reason", o.reason());
                    }
                }
                writer.write(json.writeValueAsString(node));
                writer.write('\n');
            }
        }
    }
}
