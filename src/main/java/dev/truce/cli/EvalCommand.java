package dev.truce.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.concurrent.Callable;

import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;

import dev.truce.eval.CaseResult;
import dev.truce.eval.CorpusFormatException;
import dev.truce.eval.CorpusReader;
import dev.truce.eval.EvalBenchmark;
import dev.truce.eval.EvalCase;
import dev.truce.eval.EvalReport;
import dev.truce.eval.EvalReportJson;
import dev.truce.eval.EvalReportText;
import dev.truce.eval.EvalRunner;
import dev.truce.eval.HistoryCases;
import dev.truce.eval.Match;
import dev.truce.resolve.HunkOutcome;
import picocli.CommandLine.ArgGroup;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.ResolutionStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code truce eval}: replays real merges and scores Truce against what humans committed. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Replay real conflicted merges and score Truce against the human resolutions.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluation ran", "2:bad usage or unreadable input (corpus file, repository)",
            "3:internal failure (I/O error)"})
public final class EvalCommand implements Callable<Integer> {


    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the cases come from: a corpus or a repository's history, exactly one. */
    static final class Source {
        @Option(names = "--corpus", arity = "1..*", paramLabel = "FILE",
                description = "Corpus files (.jsonl or .jsonl.gz), one conflicted file per line.")
        List<Path> corpora;

        @Option(names = "--repo", paramLabel = "PATH",
                description = "Replay the two-parent merges of this local repository's history instead.")
        Path repo;
    }

    @Option(names = "--rev", paramLabel = "REV", defaultValue = "HEAD",
            description = "With --repo: walk back from this revision (default: ${DEFAULT-VALUE}).")
    String rev;

    @Option(names = "--since", paramLabel = "REF",
            description = "With --repo: stop at merges reachable from REF.")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "With --repo: replay at most N merges (0: all).")
    int limit;

    @Option(names = "--out", paramLabel = "FILE", description = "Write one JSON line per case here.")
    Path out;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write all figures as one JSON object here.")
    Path summary;

    @Option(names = "--threads", paramLabel = "N",
            description = "Run cases on N threads (default: the number of cores); results keep corpus order.")
    int threads = Runtime.getRuntime().availableProcessors();

    @picocli.CommandLine.Mixin
    StrategyOptions strategies = new StrategyOptions();

    @picocli.CommandLine.Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--calibrate", paramLabel = "time-split",
            description = "time-split: per repository, calibrate the strategies on the older half of its merges (by"
                    + " merge time) and evaluate, and write to --out, only the newer half.")
    String calibrate;

    @Option(names = "--newer-half",
            description = "Evaluate only each repository's newer half of merges, as --calibrate time-split does, but"
                    + " with the chain uncalibrated: the baseline on the same cases.")
    boolean newerHalf;

    @Option(names = "--precedents", paramLabel = "on|off", defaultValue = "on",
            description = "Learn from the earlier cases of the same repository (strictly older merges only): shown"
                    + " to the model, and a strategy's result that goes against a consistent habit of the same file"
                    + " is passed on (default: ${DEFAULT-VALUE}).")
    String precedents;

    @Spec
    CommandSpec spec;

    @Option(names = "--bench", hidden = true,
            description = "Time model building, strategies and the whole run against JGit's plain merge.")
    boolean bench;

    @Option(names = "--bench-rounds", hidden = true, defaultValue = "5")
    int benchRounds;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(stdout, err);
        } finally {
            stdout.flush();
            err.flush();
        }
    }

    private int run(PrintWriter stdout, PrintWriter err) throws IOException {
        long t0 = System.nanoTime();
        List<EvalCase> cases = new ArrayList<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        if (source.corpora != null && (since != null || limit != 0 || !"HEAD".equals(rev))) {
            err.println("truce eval: --rev, --since and --limit apply to --repo only");
            return ExitCodes.INPUT;
        }
        if (source.corpora != null) {
            List<String> bad = Collections.synchronizedList(new ArrayList<>());
            try {
                cases.addAll(CorpusReader.readAll(source.corpora, Math.max(1, threads), bad::add));
            } catch (CorpusFormatException e) {
                err.println("truce eval: " + e.getMessage());
                return ExitCodes.INPUT;
            }
            bad.forEach(msg -> err.println("skipped corrupt line " + msg));
            skipped.put("corrupt lines", bad.size());
        } else {
            try (Repository repo = HistoryCases.open(source.repo.toFile())) {
                HistoryCases.Scan scan = HistoryCases.scan(repo, rev, since, limit);
                cases.addAll(scan.cases());
                skipped.putAll(scan.skipped());
                err.printf("replayed %d merges of %s: %d conflicted files%n", scan.merges(), source.repo,
                        scan.cases().size());
            } catch (RepositoryNotFoundException e) {
                err.println("truce eval: " + source.repo + " is not a git repository (give its work tree or .git)");
                return ExitCodes.INPUT;
            } catch (IllegalArgumentException e) {
                err.println("truce eval: " + e.getMessage());
                return ExitCodes.INPUT;
            }
        }
        long t1 = System.nanoTime();
        if (bench) {
            new EvalBenchmark(cases).run(benchRounds, stdout);
            return ExitCodes.OK;
        }
        ProgressBar progress = ProgressBar.onTerminal(cases.size(), "eval");
        List<ResolutionStrategy> chain;
        try {
            chain = strategies.chain(ReceivingSide.OURS);
        } catch (IllegalArgumentException e) {
            err.println("truce eval: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        dev.truce.llm.ModelStage stage;
        try {
            stage = modelOptions.stage();
        } catch (dev.truce.llm.ModelException e) {
            err.println("truce eval: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        if (calibrate != null && !"time-split".equals(calibrate)) {
            err.println("truce eval: --calibrate takes time-split, not " + calibrate);
            return ExitCodes.INPUT;
        }
        if (!"on".equals(precedents) && !"off".equals(precedents)) {
            err.println("truce eval: --precedents takes on or off, not " + precedents);
            return ExitCodes.INPUT;
        }
        // The stage is stateless apart from its client, which is thread-safe: one for all runners.
        Learning learning = new Learning(calibrate != null || newerHalf, calibrate != null, "on".equals(precedents),
                strategies, stage);
        List<CaseResult> results;
        try {
            results = learning.run(cases, threads, progress::update, err);
        } catch (IllegalArgumentException e) {
            err.println("truce eval: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        long t2 = System.nanoTime();
        Map<String, Long> timing = new LinkedHashMap<>();
        timing.put("load", (t1 - t0) / 1_000_000);
        timing.put("run", (t2 - t1) / 1_000_000);
        // Per-case times summed over all threads: CPU spent, not wall-clock.
        timing.put("modelBuilding", results.stream().mapToLong(CaseResult::buildNanos).sum() / 1_000_000);
        timing.put("strategies", results.stream().mapToLong(CaseResult::resolveNanos).sum() / 1_000_000);
        EvalReport report = new EvalReport(results, skipped, timing);
        JsonMapper json = JsonMapper.builder().build();
        if (out != null) {
            writeResults(json, results, out);
        }
        if (summary != null) {
            ObjectNode figures = EvalReportJson.toJson(report, json);
            learning.toJson(figures.putObject("learning"));
            Files.writeString(summary, json.writerWithDefaultPrettyPrinter().writeValueAsString(figures) + "\n");
        }
        EvalReportText.print(report, stdout);
        learning.print(stdout);
        if (modelOptions.dumpPrompts != null) {
            try (var files = Files.list(modelOptions.dumpPrompts)) {
                stdout.printf("%d prompt file(s) in %s (answer them as docs/evaluation.md describes, then"
                        + " --model replay:DIR)%n", files.count(), modelOptions.dumpPrompts);
            } catch (IOException e) {
                stdout.printf("no prompts were written to %s%n", modelOptions.dumpPrompts);
            }
        }
        return ExitCodes.OK;
    }

    private static void writeResults(JsonMapper json, List<CaseResult> results, Path out) throws IOException {
        try (var writer = Files.newBufferedWriter(out)) {
            for (CaseResult r : results) {
                ObjectNode node = json.createObjectNode();
                node.put("id", r.evalCase().id());
                node.put("resolved", r.resolved());
                ArrayNode hunks = node.putArray("hunks");
                List<HunkOutcome> outcomes = r.outcomes();
                for (int i = 0; i < outcomes.size(); i++) {
                    HunkOutcome o = outcomes.get(i);
                    Match m = r.hunkMatches().get(i);
                    hunks.addObject().put("status", o.status().label()).put("strategy", o.strategy())
                            .put("reason", o.reason()).put("match", m == null ? null : m.label());
                }
                node.put("language", r.evalCase().language());
                node.put("kind", r.evalCase().kind().label());
                node.put("match", r.match() == null ? null : r.match().label());
                node.put("status", r.status().label());
                if (r.error() != null) {
                    node.put("error", r.error());
                } else if (r.resolution() != null && !r.resolution().file().hasHunks()) {
                    node.put("reason", r.resolution().file().unsupported());
                }
                writer.write(json.writeValueAsString(node));
                writer.write('\n');
            }
        }
    }
}
