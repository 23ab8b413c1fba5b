package dev.truce.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The in-process checks: each fails a result only for something neither side had. */
class FileChecksTest {

    private final FileChecks checks = new FileChecks();

    private FileCheckResult check(String path, String result, String ours, String theirs, LineRange... regions) {
        return checks.check(new ResolvedFile(path, result, null, ours, theirs, List.of(regions)));
    }

    @Test
    void javac_starts_only_for_the_first_java_file() {
        check("pom.xml", "<project/>\n", "<project/>\n", "<project/>\n");
        check("notes.txt", "a\n", "a\n", "b\n");
        assertThat(checks.startedJava()).isFalse();

        FileCheckResult java = check("A.java", "class A {}\n", "class A {}\n", "class A { }\n");
        assertThat(java.applied()).contains(Check.SYNTAX);
        assertThat(checks.startedJava()).isTrue();
    }

    @Test
    void javac_started_ahead_checks_as_one_started_by_the_first_java_file() throws Exception {
        checks.startJava();
        // Started without any file checked (a safety bound only: it takes well under a second).
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!checks.startedJava() && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        assertThat(checks.startedJava()).as("javac started on its own thread").isTrue();

        FileCheckResult broken = check("A.java", "class A {\n", "class A {}\n", "class A { }\n");
        FileCheckResult fine = check("A.java", "class A { int b; }\n", "class A {}\n", "class A { int b; }\n");

        assertThat(broken.failed(Check.SYNTAX)).as(broken.toString()).isTrue();
        assertThat(fine.passed()).as(fine.toString()).isTrue();
    }

    @Nested
    class Markers {

        @Test
        void leftoverConflictFailsAtEachMarkerLine() {
            String result = "a\n<<<<<<< ours\nb\n||||||| base\nc\n=======\nd\n>>>>>>> theirs\ne\n";

            FileCheckResult checked = check("notes.txt", result, "a\nb\ne\n", "a\nd\ne\n", new LineRange(2, 8));

            assertThat(checked.failed(Check.MARKERS)).isTrue();
            assertThat(checked.failures()).extracting(f -> f.diagnostic().line()).containsExactly(2, 4, 6, 8);
            assertThat(checked.failures().get(0).diagnostic().message())
                    .isEqualTo("conflict marker \"<<<<<<< ours\" that neither side has");
        }

        @Test
        void markdownAndRstUnderlinesAreText() {
            String doc = "Changes\n=======\n\n* one\n\nUsage\n=====\n";
            String result = doc + "\nInstall\n=======\n";

            assertThat(check("README.md", result, doc, doc + "\n").passed()).isTrue();
            assertThat(check("docs/index.rst", result, doc, doc).passed()).isTrue();
        }

        @Test
        void markerLinesTheSidesHoldAsDataAreKeptButNotMultiplied() {
            String fixture = "String conflict = \"\"\"\n<<<<<<< HEAD\nmine\n=======\nyours\n>>>>>>> other\n\"\"\";\n";

            assertThat(check("src/test/resources/merge.txt", fixture, fixture, fixture).passed()).isTrue();
            FileCheckResult doubled = checks.check(new ResolvedFile("src/test/resources/merge.txt", fixture + fixture,
                    fixture, fixture, fixture, List.of()));
            assertThat(doubled.failed(Check.MARKERS)).isTrue();
            assertThat(doubled.failures().get(0).diagnostic().line()).isEqualTo(9);
        }

        @Test
        void bothSidesAddingMarkerLikeDataMayBothBeKept() {
            String one = "case one\n<<<<<<< a\nx\n>>>>>>> b\n";
            String two = "case two\n<<<<<<< a\ny\n>>>>>>> b\n";

            assertThat(checks.check(new ResolvedFile("cases.txt", one + two, "", one, two, List.of())).passed())
                    .isTrue();
        }
    }

    @Nested
    class Syntax {

        @Test
        void javaThatNoLongerParsesFailsWithLineAndMessage() {
            String ours = "class A {\n    int a() { return 1; }\n}\n";
            String theirs = "class A {\n    int b() { return 2; }\n}\n";
            String result = "class A {\n    int a() { return 1; }\n    int b() { return 2;\n}\n";

            FileCheckResult checked = check("src/main/java/A.java", result, ours, theirs, new LineRange(2, 3));

            assertThat(checked.failed(Check.SYNTAX)).isTrue();
            Diagnostic error = checked.failures().get(0).diagnostic();
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.source()).isEqualTo("java");
            assertThat(error.message()).startsWith("does not parse as Java (both sides do): line 4: ")
                    .contains("reached end of file while parsing");
        }

        @Test
        void aSideThatDoesNotParseExemptsTheFile() {
            String broken = "class A {\n    int a() { return 1 }\n}\n";

            FileCheckResult checked = check("A.java", broken, broken, "class A {}\n");

            assertThat(checked.passed()).isTrue();
            assertThat(checked.skipped()).containsEntry(Check.SYNTAX, "a side does not parse as Java either");
        }

        @Test
        void xmlNotWellFormed() {
            String ours = "<project>\n  <version>1</version>\n</project>\n";
            String result = "<project>\n  <version>1</version>\n  <name>x</nam>\n</project>\n";

            FileCheckResult checked = check("pom.xml", result, ours, ours);

            assertThat(checked.failed(Check.SYNTAX)).isTrue();
            assertThat(checked.failures().get(0).diagnostic().line()).isEqualTo(3);
            assertThat(checked.failures().get(0).diagnostic().source()).isEqualTo("xml");
        }

        @Test
        void aTemplateNamedXmlWasNeverXml() {
            String template = "<config>\n{% if debug %}<debug/>{% endif %}\n<a>&nbsp;</a>\n</config>\n";

            FileCheckResult checked = check("templates/config.xml", template + "<b>", template, template);

            assertThat(checked.passed()).isTrue();
            assertThat(checked.skipped()).containsKey(Check.SYNTAX);
        }

        @Test
        void xmlNeverFetchesAnExternalDtdOrEntity() throws IOException {
            try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                String url = "http://127.0.0.1:" + server.getLocalPort();
                String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE module PUBLIC \"-//X//DTD//EN\" \"" + url + "/a.dtd\" [\n"
                        + "  <!ENTITY remote SYSTEM \"" + url + "/secret\">\n"
                        + "  <!ENTITY local SYSTEM \"file:///etc/passwd\">\n]>\n<module>&remote;&local;</module>\n";

                // A parser that connects would wait for an answer that never comes: bound it.
                FileCheckResult checked = assertTimeoutPreemptively(Duration.ofSeconds(30),
                        () -> check("checkstyle.xml", xml, xml, xml));

                assertThat(checked.passed()).isTrue();
                server.setSoTimeout(200);
                try {
                    server.accept().close();
                    throw new AssertionError("the XML check connected to " + url);
                } catch (SocketTimeoutException expected) {
                    // nobody connected
                }
            }
        }

        @Test
        void entityExpansionIsBounded() {
            StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lol [\n<!ENTITY l0 \"lol\">\n");
            for (int i = 1; i < 10; i++) {
                dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10))
                        .append("\">\n");
            }
            String bomb = dtd + "]>\n<lolz>&l9;</lolz>\n";
            String ok = "<lolz/>\n";

            FileCheckResult checked = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> check("bomb.xml", bomb, ok, ok));

            assertThat(checked.failed(Check.SYNTAX)).isTrue();
        }

        @Test
        void jsonDuplicateKeyAndTrailingValue() {
            String side = "{\n  \"name\": \"app\",\n  \"version\": \"1.0.0\"\n}\n";
            String duplicated = "{\n  \"name\": \"app\",\n  \"version\": \"1.0.0\",\n  \"version\": \"1.1.0\"\n}\n";

            FileCheckResult checked = check("package.json", duplicated, side, side);
            assertThat(checked.failed(Check.SYNTAX)).isTrue();
            assertThat(checked.failures().get(0).diagnostic().message()).contains("Duplicate Object property \"version\"");
            assertThat(checked.failures().get(0).diagnostic().line()).isEqualTo(4);
            assertThat(check("a.json", side + side, side, side).failed(Check.SYNTAX)).isTrue();
        }

        @Test
        void jsonWithCommentsIsHeldToItsOwnDialect() {
            String ours = "{\n  // compiler\n  \"compilerOptions\": { \"strict\": true, },\n}\n";
            String theirs = "{\n  /* compiler */\n  \"compilerOptions\": { \"target\": \"es2022\" }\n}\n";
            String fine = "{\n  // compiler\n  \"compilerOptions\": { \"strict\": true, \"target\": \"es2022\" },\n}\n";
            String broken = "{\n  // compiler\n  \"compilerOptions\": { \"strict\": true \"target\": \"es2022\" },\n}\n";

            assertThat(check("tsconfig.json", fine, ours, theirs).passed()).isTrue();
            FileCheckResult checked = check("tsconfig.json", broken, ours, theirs);
            assertThat(checked.failed(Check.SYNTAX)).isTrue();
            assertThat(checked.failures().get(0).diagnostic().message())
                    .startsWith("does not parse as JSON with comments and trailing commas (both sides do): line 3");
        }

        @Test
        void yamlEveryDocumentAndDuplicateKeys() {
            String side = "a: 1\n---\nb: 2\n";
            FileCheckResult broken = check("k8s.yaml", "a: 1\n---\nb: 2\n  c: [3\n", side, side);
            assertThat(broken.failed(Check.SYNTAX)).isTrue();
            assertThat(broken.failures().get(0).diagnostic().line()).isGreaterThanOrEqualTo(3);

            FileCheckResult duplicated = check("ci.yml", "a: 1\nb: 2\na: 3\n", "a: 1\n", "a: 1\nb: 2\n");
            assertThat(duplicated.failed(Check.SYNTAX)).isTrue();
            assertThat(duplicated.failures().get(0).diagnostic().message()).contains("duplicate key a");
        }

        @Test
        void yamlWithJinjaWasNeverYamlButCustomTagsStillHaveStructure() {
            String jinja = "{% for x in items %}\n- {{ x }}\n{% endfor %}\n";
            assertThat(check("tasks.yml", jinja + ":", jinja, jinja).skipped()).containsKey(Check.SYNTAX);

            String cfn = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Name: !Ref Name\n";
            assertThat(check("template.yaml", cfn + "Outputs:\n  Arn: !GetAtt Bucket.Arn\n", cfn, cfn).passed())
                    .isTrue();
            FileCheckResult broken = check("template.yaml", cfn + "  Extra: [\n", cfn, cfn);
            assertThat(broken.failed(Check.SYNTAX)).isTrue();
            assertThat(broken.failures().get(0).diagnostic().message()).startsWith(
                    "does not parse as YAML structure (custom tags, duplicate keys) (both sides do)");
        }

        @Test
        void tomlDuplicateKey() {
            String side = "[package]\nname = \"app\"\nversion = \"0.1.0\"\n";

            assertThat(check("Cargo.toml", side + "edition = \"2021\"\n", side, side).passed()).isTrue();
            FileCheckResult checked = check("Cargo.toml", side + "version = \"0.2.0\"\n", side, side);
            assertThat(checked.failed(Check.SYNTAX)).isTrue();
            assertThat(checked.failures().get(0).diagnostic().message()).contains("Duplicate key");
            assertThat(check("gradle/libs.versions.toml", "[versions]\njunit = \n", "[versions]\n", "[versions]\n")
                    .failed(Check.SYNTAX)).isTrue();
        }

        @Test
        void propertiesWithAMalformedEscapeNamesTheLine() {
            String side = "a=1\n# \\u00 in a comment is fine\nb=caf\\u00e9\n";

            FileCheckResult checked = check("gradle.properties", side + "c=\\u00g1\nd=4\n", side, side);

            assertThat(checked.failed(Check.SYNTAX)).isTrue();
            assertThat(checked.failures().get(0).diagnostic().line()).isEqualTo(4);
            assertThat(check("messages.properties", side + "c=3\n", side, side).passed()).isTrue();
        }

        @Test
        void otherFilesHaveNoSyntaxCheck() {
            FileCheckResult checked = check("build.gradle.kts", "plugins {", "plugins {}", "plugins {}");

            assertThat(checked.passed()).isTrue();
            assertThat(checked.applied()).containsExactly(Check.MARKERS);
            assertThat(checked.skipped()).containsKeys(Check.SYNTAX, Check.IMPORTS);
        }
    }

    @Nested
    class Imports {

        @Test
        void twoImportsOfOneSimpleNameFromAPackageTheOtherSideMoved() {
            String ours = "package app;\n\nimport app.money.Amount;\n\nclass Invoice {\n    Amount total;\n}\n";
            String theirs = "package app;\n\nimport app.billing.Amount;\n\nclass Invoice {\n    Amount total;\n}\n";
            String union = "package app;\n\nimport app.billing.Amount;\nimport app.money.Amount;\n\n"
                    + "class Invoice {\n    Amount total;\n}\n";

            FileCheckResult checked = check("src/main/java/app/Invoice.java", union, ours, theirs, new LineRange(3, 4));

            assertThat(checked.failed(Check.IMPORTS)).isTrue();
            Diagnostic clash = checked.failures().get(0).diagnostic();
            assertThat(clash.line()).isEqualTo(4);
            assertThat(clash.message()).isEqualTo("imports app.billing.Amount (line 3) and app.money.Amount both bind"
                    + " Amount; javac rejects two types of one simple name");
        }

        @Test
        void anImportClashingWithADeclaredType() {
            String side = "package app;\n\nclass Amount {}\n";
            String result = "package app;\n\nimport app.money.Amount;\n\nclass Amount {}\n";

            assertThat(check("src/main/java/app/Amount.java", result, side, side).failed(Check.IMPORTS)).isTrue();
            String same = "package app;\n\nimport app.Amount;\n\nclass Amount {}\n";
            assertThat(check("src/main/java/app/Amount.java", same, side, side).passed()).isTrue();
        }

        @Test
        void aClashASideAlreadyHadIsNotTheResolutionsFault() {
            String clashing = "import a.Amount;\nimport b.Amount;\nclass X {}\n";

            assertThat(check("X.java", clashing + "\n", clashing, "class X {}\n").passed()).isTrue();
        }

        private static final String BASE = """
                package app;

                import app.util.Helper;

                class Report {
                    String a() { return Helper.format("a"); }
                }
                """;
        // Ours stopped using Helper and dropped its import.
        private static final String OURS = """
                package app;

                class Report {
                    String a() { return "a"; }
                }
                """;
        // Theirs kept it and added a second use.
        private static final String THEIRS = """
                package app;

                import app.util.Helper;

                class Report {
                    String a() { return Helper.format("a"); }
                    String b() { return Helper.format("b"); }
                }
                """;
        private static final String RESULT = """
                package app;

                class Report {
                    String a() { return "a"; }
                    String b() { return Helper.format("b"); }
                }
                """;

        @Test
        void aNameInAResolvedRegionWhoseImportTheOtherSideRemoved() {
            FileCheckResult checked = checks.check(new ResolvedFile("src/main/java/app/Report.java", RESULT, BASE,
                    OURS, THEIRS, List.of(new LineRange(5, 5))));

            assertThat(checked.failed(Check.IMPORTS)).isTrue();
            Diagnostic dropped = checked.failures().get(0).diagnostic();
            assertThat(dropped.line()).isEqualTo(5);
            assertThat(dropped.message()).isEqualTo("uses Helper, which theirs imported (app.util.Helper) and the result"
                    + " no longer imports; javac cannot find it");
        }

        @Test
        void theSameUseInTextGitMergedIsNotTheResolutionsFault() {
            FileCheckResult checked = checks.check(new ResolvedFile("src/main/java/app/Report.java", RESULT, BASE,
                    OURS, THEIRS, List.of(new LineRange(4, 4))));

            assertThat(checked.passed()).isTrue();
        }

        @Test
        void usesAnywhereCountWhenTheResolutionDecidedTheImports() {
            String result = "package app;\n\nimport java.util.List;\n\nclass Report {\n"
                    + "    String b() { return Helper.format(\"b\"); }\n}\n";

            FileCheckResult checked = checks.check(new ResolvedFile("src/main/java/app/Report.java", result, BASE,
                    OURS, THEIRS, List.of(new LineRange(3, 3))));

            assertThat(checked.failed(Check.IMPORTS)).isTrue();
            assertThat(checked.failures().get(0).diagnostic().line()).isEqualTo(6);
        }

        @Test
        void aSideThatUsesTheNameWithoutImportSaysItComesFromElsewhere() {
            // Ours moved Helper into package app: it uses Helper and imports nothing for it.
            String ours = OURS.replace("return \"a\";", "return Helper.format(\"a\");");

            FileCheckResult checked = checks.check(new ResolvedFile("src/main/java/app/Report.java",
                    RESULT, BASE, ours, THEIRS, List.of(new LineRange(5, 5))));

            assertThat(checked.passed()).isTrue();
        }

        @Test
        void wildcardsThatMayProvideTheNamePassAndJdkOnesThatCannotDoNot() {
            List<LineRange> region = List.of(new LineRange(7, 7));
            String sameOrigin = RESULT.replace("package app;\n", "package app;\n\nimport app.util.*;\n");
            String unknown = RESULT.replace("package app;\n", "package app;\n\nimport org.example.*;\n");
            String jdk = RESULT.replace("package app;\n", "package app;\n\nimport java.util.*;\n");

            assertThat(checks.check(new ResolvedFile("R.java", sameOrigin, BASE, OURS, THEIRS, region)).passed())
                    .isTrue();
            assertThat(checks.check(new ResolvedFile("R.java", unknown, BASE, OURS, THEIRS, region)).passed())
                    .isTrue();
            assertThat(checks.check(new ResolvedFile("R.java", jdk, BASE, OURS, THEIRS, region))
                    .failed(Check.IMPORTS)).isTrue();
        }

        @Test
        void javaLangAndDeclaredNamesAreAlwaysThere() {
            String theirs = "package app;\n\nimport app.text.Override;\nimport app.util.Helper;\n\n"
                    + "class Report {\n    @Override public String toString() { return Helper.format(); }\n}\n";
            String result = "package app;\n\nclass Report {\n    @Override public String toString() { return "
                    + "Helper.format(); }\n    static class Helper { static String format() { return \"\"; } }\n}\n";

            FileCheckResult checked = checks.check(new ResolvedFile("R.java", result, null, OURS, theirs,
                    List.of(new LineRange(1, 6))));

            assertThat(checked.passed()).isTrue();
        }

        @Test
        void droppedStaticImport() {
            String theirs = "import static org.junit.Assert.assertEquals;\n\nclass T {\n"
                    + "    void t() { assertEquals(1, 1); }\n}\n";
            String ours = "class T {\n    void t() { }\n}\n";
            String result = "class T {\n    void t() { assertEquals(1, 1); }\n}\n";

            FileCheckResult checked = checks.check(new ResolvedFile("T.java", result, theirs, ours, theirs,
                    List.of(new LineRange(2, 2))));

            assertThat(checked.failed(Check.IMPORTS)).isTrue();
            assertThat(checked.failures().get(0).diagnostic().message()).startsWith("uses assertEquals, which theirs");
        }
    }
}
