package dev.truce.strategy;

import static dev.truce.strategy.HunkFixture.resolveOnly;
import static dev.truce.strategy.HunkFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The project's own version on two release lines: the merge keeps the receiving branch's. */
class ReceivingSideVersionTest {

    private static final String BASE = "group=x\nversion=7.0.9-SNAPSHOT\n";
    private static final String OURS = "group=x\nversion=7.1.0-SNAPSHOT\n";
    private static final String THEIRS = "group=x\nversion=7.0.10-SNAPSHOT\n";

    private static String pom(String revision, String jenkinsParent) {
        return """
                <project>
                  <parent>
                    <groupId>org.jenkins-ci</groupId>
                    <artifactId>jenkins</artifactId>
                    <version>%s</version>
                  </parent>
                  <artifactId>jenkins-parent</artifactId>
                  <properties>
                    <revision>%s</revision>
                  </properties>
                </project>
                """.formatted(jenkinsParent, revision);
    }

    private static String module(String parentVersion) {
        return """
                <project>
                  <parent>
                    <groupId>org.jenkins-ci.main</groupId>
                    <artifactId>jenkins-parent</artifactId>
                    <version>%s</version>
                  </parent>
                  <artifactId>jenkins-core</artifactId>
                </project>
                """.formatted(parentVersion);
    }

    @Test
    void receivingOursKeepsOursProjectVersion() {
        Verdict verdict = resolveOnly(new VersionBumpStrategy(ReceivingSide.OURS), "gradle.properties", BASE, OURS,
                THEIRS);

        assertThat(text(verdict)).isEqualTo("version=7.1.0-SNAPSHOT\n");
    }

    @Test
    void receivingTheirsKeepsTheirsProjectVersionEvenWhenItIsTheLowerLine() {
        Verdict verdict = resolveOnly(new VersionBumpStrategy(ReceivingSide.THEIRS), "gradle.properties", BASE, OURS,
                THEIRS);

        assertThat(text(verdict)).isEqualTo("version=7.0.10-SNAPSHOT\n");
    }

    @Test
    void theDefaultsFollowGitsConventionThatOursReceives() {
        ResolutionStrategy versionBump = Strategies.defaults().stream()
                .filter(s -> s.name().equals("version-bump")).findFirst().orElseThrow();

        assertThat(text(resolveOnly(versionBump, "gradle.properties", BASE, OURS, THEIRS)))
                .isEqualTo("version=7.1.0-SNAPSHOT\n");
    }

    @Test
    void theReasonSaysWhichSideWasKeptAndWhy() {
        Verdict verdict = resolveOnly(new VersionBumpStrategy(ReceivingSide.OURS), "pom.xml", pom("2.541", "1.36"),
                pom("2.542", "1.36"), pom("2.541.1", "1.36"));

        assertThat(text(verdict)).isEqualTo("    <revision>2.542</revision>\n");
        assertThat(verdict.reason()).contains("kept ours' project version 2.542 (revision): the project's own version"
                + " identifies the branch the merge is committed to; theirs' 2.541.1 is its own branch's version");
    }

    @Test
    void aModulesParentVersionIsTheProjectsOwnWhenTheModuleInheritsIt() {
        Verdict verdict = resolveOnly(new VersionBumpStrategy(ReceivingSide.THEIRS), "core/pom.xml",
                module("2.541-SNAPSHOT"), module("2.542-SNAPSHOT"), module("2.541.1"));

        assertThat(text(verdict)).isEqualTo("    <version>2.541.1</version>\n");
        assertThat(verdict.reason()).contains("kept theirs' project version 2.541.1");
    }

    @Test
    void anExternalParentsVersionOnDifferentReleaseLinesStillPasses() {
        // jenkins-parent declares a version of its own (via revision), so org.jenkins-ci:jenkins is a dependency.
        String base = pom("2.541", "1.34").replace("<artifactId>jenkins-parent</artifactId>",
                "<artifactId>jenkins-parent</artifactId>\n  <version>2.541</version>");
        Verdict verdict = resolveOnly(new VersionBumpStrategy(ReceivingSide.OURS), "pom.xml", base,
                base.replace("1.34", "1.36"), base.replace("1.34", "1.35.1"));

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
        assertThat(verdict.reason()).contains("both raised version from 1.34, to different release lines");
    }

    @Test
    void aDependencyVersionOnDifferentReleaseLinesStillPasses() {
        String base = "dependencies {\n\tapi(\"org.hibernate:hibernate-core:6.4.1.Final\")\n}\n";
        Verdict verdict = resolveOnly(new VersionBumpStrategy(ReceivingSide.OURS), "build.gradle", base,
                base.replace("6.4.1", "6.5.0"), base.replace("6.4.1", "6.4.4"));

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
        assertThat(verdict.reason()).contains("different release lines");
    }
}
