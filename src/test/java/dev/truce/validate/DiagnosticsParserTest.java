package dev.truce.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.truce.validate.Diagnostic.Severity;
import dev.truce.testing.TestResource;

/** Build output of real tools into diagnostics; javac runs here, the other tools' output is kept as fixtures. */
class DiagnosticsParserTest {

    private static final String INVOICE = """
            package demo;

            import java.util.List;

            public class Invoice {
                private final List<Integer> amounts;

                public Invoice(List<Integer> amounts) {
                    this.amounts = amounts;
                }

                public int sum() {
                    return amounts.stream().mapToInt(Integer::intValue).sum();
                }

                public String describe() {
                    return "total " + total();
                }

                public Money money() {
                    return null;
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void javacOutputWithRelativePathsGivesFileLineColumnAndSymbol() throws Exception {
        String output = javac(dir, "src/main/java/demo/Invoice.java");

        List<Diagnostic> found = new DiagnosticsParser(dir).parse(output);

        assertThat(found).containsExactly(
                new Diagnostic("src/main/java/demo/Invoice.java", 20, 12, Severity.ERROR,
                        "cannot find symbol\nsymbol: class Money\nlocation: class Invoice", "javac"),
                new Diagnostic("src/main/java/demo/Invoice.java", 17, 27, Severity.ERROR,
                        "cannot find symbol\nsymbol: method total()\nlocation: class Invoice", "javac"));
    }

    @Test
    void javacOutputWithAbsolutePathsInsideTheCheckoutBecomesRelative() throws Exception {
        String output = javac(dir, dir.resolve("src/main/java/demo/Invoice.java").toString());

        assertThat(new DiagnosticsParser(dir).parse(output)).extracting(Diagnostic::path, Diagnostic::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("src/main/java/demo/Invoice.java", 20),
                        org.assertj.core.groups.Tuple.tuple("src/main/java/demo/Invoice.java", 17));
    }

    @Test
    void javacSyntaxErrorKeepsItsColumn() throws Exception {
        Path file = dir.resolve("A.java");
        Files.writeString(file, "class A {\n    int x = 1\n}\n");
        String output = run(dir, javacBinary(), "-d", "out", "A.java");

        assertThat(new DiagnosticsParser(dir).parse(output))
                .containsExactly(new Diagnostic("A.java", 2, 14, Severity.ERROR, "';' expected", "javac"));
    }

    @Test
    void mavenPrintsEachErrorTwiceAndTheParserKeepsOne() throws IOException {
        List<Diagnostic> found = new DiagnosticsParser(Path.of("/tmp/mvnbroken")).parse(fixture("maven-compile.txt"));

        assertThat(found).containsExactly(
                new Diagnostic("src/main/java/demo/Invoice.java", 20, 12, Severity.ERROR,
                        "cannot find symbol\nsymbol: class Money\nlocation: class demo.Invoice", "maven"),
                new Diagnostic("src/main/java/demo/Invoice.java", 17, 27, Severity.ERROR,
                        "cannot find symbol\nsymbol: method total()\nlocation: class demo.Invoice", "maven"));
    }

    @Test
    void gradleKotlinFileUrisAndJavacThroughGradle() throws IOException {
        List<Diagnostic> found = new DiagnosticsParser(Path.of("/tmp/gradlebroken")).parse(fixture("gradle.txt"));

        assertThat(found).containsExactly(
                new Diagnostic("src/main/kotlin/demo/Invoice.kt", 6, 41, Severity.ERROR,
                        "Unresolved reference 'total'.", "gradle"),
                new Diagnostic("src/main/kotlin/demo/Invoice.kt", 8, 18, Severity.ERROR,
                        "Unresolved reference 'Money'.", "gradle"),
                new Diagnostic("lib/src/main/java/demo/Invoice.java", 20, 12, Severity.ERROR,
                        "cannot find symbol\nsymbol: class Money\nlocation: class Invoice", "javac"),
                new Diagnostic("lib/src/main/java/demo/Invoice.java", 17, 27, Severity.ERROR,
                        "cannot find symbol\nsymbol: method total()\nlocation: class Invoice", "javac"));
    }

    @Test
    void olderKotlinGradleFormatWithParenthesisedPosition() {
        // Kotlin 1.x's Gradle plugin: "e: <absolute path>: (line, column): message".
        String output = "w: /work/app/src/main/kotlin/App.kt: (3, 9): Variable 'x' is never used\n"
                + "e: /work/app/src/main/kotlin/App.kt: (12, 8): Unresolved reference: total\n";

        assertThat(new DiagnosticsParser(Path.of("/work/app")).parse(output)).containsExactly(
                new Diagnostic("src/main/kotlin/App.kt", 3, 9, Severity.WARNING, "Variable 'x' is never used",
                        "gradle"),
                new Diagnostic("src/main/kotlin/App.kt", 12, 8, Severity.ERROR, "Unresolved reference: total",
                        "gradle"));
    }

    @Test
    void kotlinCompilerWithCaretLines() throws IOException {
        assertThat(new DiagnosticsParser(Path.of("/tmp/ktbroken")).parse(fixture("kotlinc.txt"))).containsExactly(
                new Diagnostic("src/Invoice.kt", 6, 41, Severity.ERROR, "unresolved reference 'total'.", "kotlinc"),
                new Diagnostic("src/Invoice.kt", 8, 18, Severity.ERROR, "unresolved reference 'Money'.", "kotlinc"));
    }

    @Test
    void tscPlainAndPrettyWithColours() throws IOException {
        Diagnostic total = new Diagnostic("src/invoice.ts", 6, 21, Severity.ERROR,
                "TS2304: Cannot find name 'total'.", "tsc");
        Diagnostic count = new Diagnostic("src/invoice.ts", 9, 7, Severity.ERROR,
                "TS2322: Type 'string' is not assignable to type 'number'.", "tsc");

        // The plain and the pretty run report the same two errors; the repeat is dropped.
        assertThat(new DiagnosticsParser(Path.of("/tmp/tscwork")).parse(fixture("tsc.txt")))
                .containsExactly(total, count);
    }

    @Test
    void eslintStylishNamesTheFileOnItsOwnLine() throws IOException {
        assertThat(new DiagnosticsParser(Path.of("/tmp/tscwork")).parse(fixture("eslint.txt"))).containsExactly(
                new Diagnostic("lib/invoice.js", 6, 21, Severity.ERROR, "'total' is not defined (no-undef)",
                        "eslint"));
    }

    @Test
    void gccAndPytestThroughTheGenericFormat() throws IOException {
        DiagnosticsParser parser = new DiagnosticsParser(Path.of("/tmp/genbroken"));

        assertThat(parser.parse(fixture("gcc.txt"))).containsExactly(
                new Diagnostic("src/calc.c", 8, 13, Severity.WARNING,
                        "implicit declaration of function ‘sum’ [-Wimplicit-function-declaration]", "generic"),
                new Diagnostic("src/calc.c", 9, 22, Severity.ERROR, "expected ‘;’ before ‘return’", "generic"));
        assertThat(parser.parse(fixture("pytest.txt"))).containsExactly(
                new Diagnostic("tests/test_invoice.py", 6, 0, Severity.ERROR, "AssertionError", "generic"));
    }

    @Test
    void pathsOutsideTheCheckoutKeepNoRepositoryPath() {
        String output = "/usr/include/stdio.h:12:3: note: declared here\n"
                + "./cmd/main.go:7:2: undefined: total\n"
                + "../other/X.java:3: error: cannot find symbol\n";

        List<Diagnostic> found = new DiagnosticsParser(Path.of("/work/app")).parse(output);

        assertThat(found).extracting(Diagnostic::path).containsExactly(null, "cmd/main.go", null);
        assertThat(found.get(0).message()).contains("/usr/include/stdio.h:12");
        assertThat(found.get(0).line()).isZero();
    }

    @Test
    void linesThatOnlyLookLikeLocationsAreNotDiagnostics() {
        String output = """
                12:30:45 INFO Starting build
                Downloading from central: https://repo.example.org:443/maven2/a/b/1.0/b-1.0.pom
                [INFO] Building jar: /work/app/target/app.jar
                Found 2 errors in the same file, starting at: src/invoice.ts:6
                BUILD FAILED in 4s
                """;

        assertThat(new DiagnosticsParser(Path.of("/work/app")).parse(output)).isEmpty();
    }

    @Test
    void hostileOutputIsBounded() {
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < DiagnosticsParser.MAX_DIAGNOSTICS + 100; i++) {
            flood.append("src/A").append(i).append(".c:1:1: error: x\n");
        }
        flood.append("a".repeat(1_000_000)).append(".c:1: error\n");

        List<Diagnostic> found = new DiagnosticsParser(Path.of("/work/app")).parse(flood.toString());

        assertThat(found).hasSize(DiagnosticsParser.MAX_DIAGNOSTICS);
    }

    /** A fixture's tool output: everything after its header's line of dashes. */
    static String fixture(String name) throws IOException {
        String text = TestResource.text("/validate/" + name);
        return text.substring(text.indexOf("\n---\n") + 5);
    }

    private static String javac(Path dir, String sourceArgument) throws Exception {
        Path file = dir.resolve("src/main/java/demo/Invoice.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, INVOICE);
        return run(dir, javacBinary(), "-d", "out", sourceArgument);
    }

    private static String javacBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "javac").toString();
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        return output;
    }
}
