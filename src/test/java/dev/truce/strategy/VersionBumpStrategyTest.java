package dev.truce.strategy;

import static dev.truce.strategy.HunkFixture.resolveOnly;
import static dev.truce.strategy.HunkFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionBumpStrategyTest {

    private final VersionBumpStrategy strategy = new VersionBumpStrategy();

    private static String pom(String jetty, String slf4j) {
        return """
                <project>
                  <artifactId>app</artifactId>
                  <version>1.0-SNAPSHOT</version>
                  <properties>
                    <jetty.version>%s</jetty.version>
                    <slf4jVersion>%s</slf4jVersion>
                  </properties>
                </project>
                """.formatted(jetty, slf4j);
    }

    @Test
    void eachSideKeepsTheVersionOnlyItChanged() {
        Verdict verdict = resolveOnly(strategy, "pom.xml", pom("12.0.1", "2.0.7"), pom("12.0.3", "2.0.7"),
                pom("12.0.1", "2.0.9"));

        assertThat(text(verdict)).isEqualTo("""
                    <jetty.version>12.0.3</jetty.version>
                    <slf4jVersion>2.0.9</slf4jVersion>
                """);
        assertThat(verdict.reason()).contains("jetty.version 12.0.1 -> 12.0.3 (only ours")
                .contains("slf4jVersion 2.0.7 -> 2.0.9 (only theirs");
    }

    @Test
    void bothRaisedOnOneReleaseLineKeepsTheHigher() {
        Verdict verdict = resolveOnly(strategy, "build.gradle",
                "dependencies {\n\tapi(\"io.netty:netty-bom:4.2.15.Final\")\n}\n",
                "dependencies {\n\tapi(\"io.netty:netty-bom:4.2.16.Final\")\n}\n",
                "dependencies {\n\tapi(\"io.netty:netty-bom:4.2.17.Final\")\n}\n");

        assertThat(text(verdict)).isEqualTo("\tapi(\"io.netty:netty-bom:4.2.17.Final\")\n");
        assertThat(verdict.reason()).contains("theirs");
    }

    @Test
    void qualifiersAreOrderedAsMavenOrdersThem() {
        Verdict verdict = resolveOnly(strategy, "gradle/libs.versions.toml",
                "[versions]\nmicrometer = \"1.16.0-M1\"\n", "[versions]\nmicrometer = \"1.16.0-RC2\"\n",
                "[versions]\nmicrometer = \"1.16.0-M3\"\n");

        assertThat(text(verdict)).isEqualTo("micrometer = \"1.16.0-RC2\"\n");
    }

    @Test
    void bothRaisedToDifferentReleaseLinesPasses() {
        Verdict verdict = resolveOnly(strategy, "pom.xml", pom("1.256", "2.0.7"), pom("1.257", "2.0.7"),
                pom("1.256.1", "2.0.7"));

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
        assertThat(verdict.reason()).contains("different release lines");
    }

    @Test
    void branchLabelInAVersionPasses() {
        Verdict verdict = resolveOnly(strategy, "pom.xml",
                "<project>\n  <version>2.57-SNAPSHOT</version>\n</project>\n",
                "<project>\n  <version>2.57-JENKINS-24141-SNAPSHOT</version>\n</project>\n",
                "<project>\n  <version>2.58-SNAPSHOT</version>\n</project>\n");

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void aDowngradeIsNotOverridden() {
        Verdict verdict = resolveOnly(strategy, "war/pom.xml", pom("5.8", "1"), pom("5.9", "1"), pom("5.3", "1"));

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
        assertThat(verdict.reason()).contains("theirs lowered");
    }

    @Test
    void portsTimeoutsAndCountsAreNotVersions() {
        String base = "server.port=8080\nhttp.timeout=30.5\nretries=3\n";
        Verdict verdict = resolveOnly(strategy, "application.properties", base,
                "server.port=8081\nhttp.timeout=31.5\nretries=4\n", "server.port=9090\nhttp.timeout=60.5\nretries=5\n");

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void aPlainNumberIsAVersionOnlyWhereItsKeySaysSo() {
        Verdict version = resolveOnly(strategy, "pom.xml", "<project>\n  <properties>\n    <api.version>41</api.version>\n"
                + "  </properties>\n</project>\n", "<project>\n  <properties>\n    <api.version>42</api.version>\n"
                + "  </properties>\n</project>\n", "<project>\n  <properties>\n    <api.version>43</api.version>\n"
                + "  </properties>\n</project>\n");
        Verdict count = resolveOnly(strategy, "pom.xml", "<project>\n  <properties>\n    <forkCount>2</forkCount>\n"
                + "  </properties>\n</project>\n", "<project>\n  <properties>\n    <forkCount>3</forkCount>\n"
                + "  </properties>\n</project>\n", "<project>\n  <properties>\n    <forkCount>4</forkCount>\n"
                + "  </properties>\n</project>\n");

        assertThat(text(version)).contains("<api.version>43</api.version>");
        assertThat(count).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void differingArtifactIdsAreNotAVersionBump() {
        Verdict verdict = resolveOnly(strategy, "build.gradle",
                "dependencies {\n\tapi(\"org.eclipse.jetty.ee10:jetty-ee10-bom:12.0.29\")\n}\n",
                "dependencies {\n\tapi(\"org.eclipse.jetty.ee11:jetty-ee11-bom:12.1.4\")\n}\n",
                "dependencies {\n\tapi(\"org.eclipse.jetty.ee10:jetty-ee10-bom:12.0.30\")\n}\n");

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void differentLineCountsPass() {
        Verdict verdict = resolveOnly(strategy, "package.json",
                "{\n  \"dependencies\": {\n    \"lodash\": \"^4.17.20\"\n  }\n}\n",
                "{\n  \"dependencies\": {\n    \"lodash\": \"^4.17.21\",\n    \"left-pad\": \"1.3.0\"\n  }\n}\n",
                "{\n  \"dependencies\": {\n    \"lodash\": \"^4.17.22\"\n  }\n}\n");

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void npmDependencyRangesAreMerged() {
        Verdict verdict = resolveOnly(strategy, "package.json",
                "{\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n    \"lodash\": \"^4.17.20\"\n  }\n}\n",
                "{\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n    \"lodash\": \"^4.17.21\"\n  }\n}\n",
                "{\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n    \"lodash\": \"^4.17.22\"\n  }\n}\n");

        assertThat(text(verdict)).isEqualTo("    \"lodash\": \"^4.17.22\"\n");
    }

    @Test
    void notABuildFile() {
        Verdict verdict = resolveOnly(strategy, "src/Main.java", "int v = 1;\nString s = \"1.2.3\";\n",
                "int v = 1;\nString s = \"1.2.4\";\n", "int v = 1;\nString s = \"1.2.5\";\n");

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
    }
}
