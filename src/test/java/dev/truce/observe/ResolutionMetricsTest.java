package dev.truce.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.engine.ResolvedMerge;
import dev.truce.merge.ComputedMerge;
import dev.truce.merge.PathConflict;
import dev.truce.merge.RepositoryMerge;
import dev.truce.resolve.Resolver;
import dev.truce.testing.ScenarioRepo;
import dev.truce.testing.Tree;

/** A real merge's resolution, counted: files by outcome, hunks by outcome and by the strategy that decided. */
class ResolutionMetricsTest {

    private static final String POM = "<project>\n  <version>1.0.0</version>\n  <properties>\n"
            + "    <jackson.version>2.17.0</jackson.version>\n    <junit.version>5.10.0</junit.version>\n"
            + "  </properties>\n</project>\n";

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ResolutionMetrics metrics = new MicrometerResolutionMetrics(registry);

    @Test
    void every_file_and_hunk_of_a_pull_request_is_counted_by_outcome_and_strategy() throws Exception {
        Tree base = Tree.of().file("pom.xml", POM).file("App.java", "a\nb\nc\n").file("docs/x.md", "x\n");
        ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"));
        repo.threeWay(base,
                base.copy().file("pom.xml", POM.replace("2.17.0", "2.17.2")).file("App.java", "a\nOURS\nc\n")
                        .file("docs/x.md", "ours\n"),
                base.copy().file("pom.xml", POM.replace("5.10.0", "5.11.3")).file("App.java", "a\nTHEIRS\nc\n")
                        .file("docs/x.md", "theirs\n"));
        ComputedMerge merge = new RepositoryMerge(repo.repository()).compute("main", "feature");
        Resolver resolver = new Resolver();
        ResolvedMerge resolved = new ResolvedMerge(merge, merge.conflicts().stream().map(PathConflict::file)
                .map(resolver::resolve).toList(), Set.of("docs/x.md"));

        metrics.resolved(resolved);

        assertThat(count(MicrometerResolutionMetrics.FILES, "outcome", "resolved")).isEqualTo(1);
        assertThat(count(MicrometerResolutionMetrics.FILES, "outcome", "unresolved")).isEqualTo(1);
        assertThat(count(MicrometerResolutionMetrics.FILES, "outcome", "ignored")).isEqualTo(1);
        assertThat(registry.find(MicrometerResolutionMetrics.HUNKS).tags("outcome", "resolved").counters())
                .as("the pom's hunk, by the strategy that took it").singleElement().satisfies(c -> {
                    assertThat(c.getId().getTag("decided_by")).isNotEqualTo("none");
                    assertThat(c.count()).isEqualTo(1);
                });
        assertThat(registry.find(MicrometerResolutionMetrics.HUNKS).tags("outcome", "declined").counters())
                .as("the Java hunk, whichever strategy declined it last").hasSize(1)
                .allSatisfy(c -> assertThat(c.count()).isEqualTo(1));
    }

    @Test
    void validation_runs_are_timed_by_result_and_hunks_without_a_strategy_are_tagged_none() {
        metrics.validation(ResolutionMetrics.ValidationResult.PASSED, Duration.ofSeconds(3));
        metrics.validation(ResolutionMetrics.ValidationResult.TIMED_OUT, Duration.ofMinutes(10));
        metrics.hunk(ResolutionMetrics.HunkResult.DECLINED, null);

        assertThat(registry.find(MicrometerResolutionMetrics.VALIDATIONS).tag("outcome", "passed").timer()
                .totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(registry.find(MicrometerResolutionMetrics.VALIDATIONS).tag("outcome", "timed_out").timer()
                .count()).isEqualTo(1);
        assertThat(count(MicrometerResolutionMetrics.HUNKS, "decided_by", "none")).isEqualTo(1);
    }

    private double count(String name, String tag, String value) {
        var counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
