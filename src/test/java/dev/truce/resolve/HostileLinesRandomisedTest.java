package dev.truce.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.context.ChangeStory;
import dev.truce.context.ContextAssembler;
import dev.truce.context.PromptStyle;
import dev.truce.llm.AnswerParser;
import dev.truce.llm.AnswerRejectedException;
import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.ResolutionStrategy;
import dev.truce.strategy.Strategies;

/**
 * Seeded random hostile lines (long runs of what the old regular expressions backtracked on) in files of every kind
 * the strategies handle: every strategy, default and opt-in, called directly (so the resolver's line limit does not
 * shield it), the context assembler and the answer parser must finish each case within a generous bound and never
 * throw.
 */
class HostileLinesRandomisedTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final int ROUNDS = 40;

    /** Families of hostile text, by size. */
    private static final List<IntFunction<String>> FAMILIES = List.of(
            n -> "import" + " ".repeat(n) + "x",
            n -> "1" + ".1".repeat(n / 2),
            n -> "version=" + "1-".repeat(n / 2) + "1",
            n -> "<a ".repeat(n / 3),
            n -> "<" + "a".repeat(n),
            n -> "import ".repeat(n / 7) + "x",
            n -> "a".repeat(n) + "# 1.2.3",
            n -> "\"\\".repeat(n / 2),
            n -> "\\\"".repeat(n / 2),
            n -> "'".repeat(n),
            n -> "\t".repeat(n) + "x",
            n -> "**".repeat(n / 2),
            n -> "import {" + " a,".repeat(n / 3) + " b : c }" + " ".repeat(100) + "from 'm'",
            n -> "public ".repeat(n / 7) + "void f(",
            n -> "a ".repeat(n / 2) + "fun f(",
            n -> "[" + " ".repeat(n) + "x",
            n -> "- " + "x ".repeat(n / 4) + " ".repeat(n / 2) + "y",
            n -> "  <dependency>" + " ".repeat(n) + "x</dependency>",
            n -> "from " + ".".repeat(n) + " import x",
            n -> "A(" + ") ".repeat(n / 2) + ",",
            n -> "\"g:a:" + "1.".repeat(n / 2) + "0\"",
            n -> "x >= " + " ".repeat(n) + "1.0",
            n -> "<!--".repeat(n / 4));

    private static final List<String> PATHS = List.of("pom.xml", "src/app.js", "src/A.java", "a.py", "gradle.properties",
            "package.json", "pyproject.toml", "AUTHORS", "CHANGELOG.md", "main.go", "a.c", "A.cs", "A.kt",
            "conf/x.properties", "requirements.txt", "setup.cfg", "data.yaml", "build.gradle", "a.rst");

    @Test
    void everyStrategyTheContextAndTheAnswerParserFinishOnHostileLines() {
        Random random = new Random(20260301L);
        List<ResolutionStrategy> strategies = Strategies.all(ReceivingSide.OURS);
        int[] sizes = {10_000, 100_000};
        for (int round = 0; round < ROUNDS; round++) {
            String line = FAMILIES.get(random.nextInt(FAMILIES.size())).apply(sizes[random.nextInt(sizes.length)]);
            String path = PATHS.get(random.nextInt(PATHS.size()));
            FileVersions versions = versions(path, line, random.nextInt(4));
            run(strategies, versions, line);
        }
    }

    @Test
    void everyFamilyAtTwoMegabytesInAHunkOfABuildFileOrScript() {
        List<ResolutionStrategy> strategies = Strategies.all(ReceivingSide.OURS);
        List<String> paths = List.of("pom.xml", "src/app.js", "gradle.properties");
        for (int i = 0; i < FAMILIES.size(); i++) {
            String line = FAMILIES.get(i).apply(2_000_000);
            run(strategies, versions(paths.get(i % paths.size()), line, i % 2), line);
        }
    }

    private static void run(List<ResolutionStrategy> strategies, FileVersions versions, String line) {
        ConflictedFile file = new ConflictModelBuilder().build(versions);
        String what = versions.path() + " with a line of " + line.length() + " starting '"
                + line.substring(0, Math.min(12, line.length())) + "'";
        assertThat(file.hasHunks()).as(what).isTrue();
        for (ConflictHunk hunk : file.hunks()) {
            for (ResolutionStrategy strategy : strategies) {
                assertThat(assertTimeoutPreemptively(BOUND, () -> strategy.resolve(file, hunk), strategy.name() + " on "
                        + what)).isNotNull();
            }
        }
        List<Integer> all = file.hunks().stream().map(ConflictHunk::id).toList();
        ChangeStory story = new ChangeStory(List.of(line), List.of("fix:" + " ".repeat(line.length()) + "x"),
                line, line + "\n" + line);
        assertTimeoutPreemptively(BOUND, () -> new ContextAssembler("system", ContextAssembler.TokenBudget.DEFAULT)
                .assemble(file, versions, story, all, PromptStyle.CONTEXT), "context of " + what);
        for (String answer : List.of("<<<HUNK " + line, "<<<HUNK h0 RESOLVED confidence=high>>>\n" + line
                + "\n<<<END h0>>>\nrationale:" + line, "<<<HUNK h0 DECLINED>>>" + line, line)) {
            assertTimeoutPreemptively(BOUND, () -> {
                try {
                    new AnswerParser().parse(answer, false, file.hunks());
                } catch (AnswerRejectedException expected) {
                    // a hostile answer is rejected, with a reason; it must not take long or fail otherwise
                }
            }, "answer parser on " + what);
        }
    }

    /**
     * The hostile line where the strategies read it: 0 in ours' side of a hunk, 1 on every side of a hunk (each
     * side changing what follows it), 2 in the text around a hunk, 3 as an insertion on both sides.
     */
    private static FileVersions versions(String path, String line, int where) {
        String pre = path.endsWith(".xml") ? "<project>\n  <version>1.0</version>\n" : path.endsWith(".json")
                ? "{\n  \"dependencies\": {\n" : "import a.b.C;\nx.version=1.0\n";
        String post = path.endsWith(".xml") ? "</project>\n" : path.endsWith(".json") ? "  }\n}\n" : "end\n";
        List<String> sides = new ArrayList<>();
        for (String mark : List.of("1.0", "1.1", "1.2")) {
            String text = switch (where) {
                case 0 -> pre + "k=" + mark + "\n" + (mark.equals("1.1") ? line + "\n" : "") + post;
                case 1 -> pre + line + mark + "\n" + post;
                case 2 -> line + "\n" + pre + "k=" + mark + "\n" + post;
                default -> pre + (mark.equals("1.0") ? "" : line + mark + "\n") + post;
            };
            sides.add(text);
        }
        return new FileVersions(path, bytes(sides.get(0)), bytes(sides.get(1)), bytes(sides.get(2)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
