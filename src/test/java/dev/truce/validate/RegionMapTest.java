package dev.truce.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RegionMapTest {

    private final RegionMap map = new RegionMap(Map.of(
            "src/main/java/demo/Invoice.java", List.of(new LineRange(5, 7), LineRange.of(17, 1), LineRange.of(20, 0)),
            "README.md", List.of(new LineRange(1, 3))));

    @Test
    void aDiagnosticInAResolvedRegionNamesTheRegion() {
        RegionMap.Placement placed = map.place(Diagnostic.error("src/main/java/demo/Invoice.java", 17, "x", "javac"));

        assertThat(placed.insideConflicts()).isTrue();
        assertThat(placed.region()).isEqualTo(1);
        assertThat(placed.range()).isEqualTo(new LineRange(17, 17));
    }

    @Test
    void edgesOfARegionAreInsideAndTheLinesAroundItOutside() {
        String path = "src/main/java/demo/Invoice.java";

        assertThat(map.place(Diagnostic.error(path, 5, "x", "javac")).region()).isZero();
        assertThat(map.place(Diagnostic.error(path, 7, "x", "javac")).region()).isZero();
        assertThat(map.place(Diagnostic.error(path, 4, "x", "javac")).insideConflicts()).isFalse();
        assertThat(map.place(Diagnostic.error(path, 8, "x", "javac")).insideConflicts()).isFalse();
        // A region that left no lines holds no diagnostic.
        assertThat(map.place(Diagnostic.error(path, 20, "x", "javac")).insideConflicts()).isFalse();
    }

    @Test
    void otherFilesUnknownLinesAndNoFileAreOutsideTheConflicts() {
        assertThat(map.placeAll(List.of(
                Diagnostic.error("src/main/java/demo/Other.java", 5, "x", "javac"),
                Diagnostic.error("src/main/java/demo/Invoice.java", 0, "x", "javac"),
                Diagnostic.error(null, 0, "BUILD FAILED", "generic"))))
                .allSatisfy(p -> {
                    assertThat(p.insideConflicts()).isFalse();
                    assertThat(p.toString()).endsWith("[outside the conflicts]");
                });
    }

    @Test
    void parsedBuildOutputMapsToHunks() throws Exception {
        List<Diagnostic> found = new DiagnosticsParser(Path.of("/tmp/mvnbroken"))
                .parse(DiagnosticsParserTest.fixture("maven-compile.txt"));
        RegionMap regions = new RegionMap(Map.of("src/main/java/demo/Invoice.java", List.of(new LineRange(16, 18))));

        assertThat(regions.placeAll(found)).extracting(p -> p.diagnostic().line(), RegionMap.Placement::region)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(20, -1), org.assertj.core.groups.Tuple.tuple(17, 0));
    }

    @Test
    void aRangeMustBeOneBased() {
        assertThatThrownBy(() -> new LineRange(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LineRange(5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new LineRange(5, 4).size()).isZero();
    }
}
