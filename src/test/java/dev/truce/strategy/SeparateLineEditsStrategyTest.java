package dev.truce.strategy;

import static dev.truce.strategy.HunkFixture.resolveOnly;
import static dev.truce.strategy.HunkFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeparateLineEditsStrategyTest {

    private final SeparateLineEditsStrategy strategy = new SeparateLineEditsStrategy();

    private static String platform(String... lines) {
        return "dependencies {\n\tapi(\"org.assertj:assertj-bom:3.27.6\")\n" + String.join("", lines)
                + "\tapi(\"org.mockito:mockito-bom:5.20.0\")\n}\n";
    }

    @Test
    void takesEachChangedLineFromTheSideThatChangedIt() {
        Verdict verdict = resolveOnly(strategy, "framework-platform.gradle",
                platform("\tapi(\"org.eclipse.jetty:jetty-bom:12.0.29\")\n", "\tapi(\"org.junit:junit-bom:5.14.0\")\n"),
                platform("\tapi(\"org.eclipse.jetty:jetty-bom:12.0.29\")\n", "\tapi(\"org.junit:junit-bom:5.14.1\")\n"),
                platform("\tapi(\"org.eclipse.jetty:jetty-bom:12.0.30\")\n", "\tapi(\"org.junit:junit-bom:5.14.0\")\n"));

        assertThat(text(verdict)).isEqualTo("\tapi(\"org.eclipse.jetty:jetty-bom:12.0.30\")\n"
                + "\tapi(\"org.junit:junit-bom:5.14.1\")\n");
    }

    @Test
    void keepsADeletionByOneSideNextToTheOthersChange() {
        Verdict verdict = resolveOnly(strategy, "pom.xml",
                "<properties>\n  <a.version>1.0</a.version>\n  <b.version>2.0</b.version>\n</properties>\n",
                "<properties>\n  <b.version>2.0</b.version>\n</properties>\n",
                "<properties>\n  <a.version>1.0</a.version>\n  <b.version>2.1</b.version>\n</properties>\n");

        assertThat(text(verdict)).isEqualTo("  <b.version>2.1</b.version>\n");
    }

    @Test
    void passesWhenBothSidesChangedTheSameLine() {
        Verdict verdict = resolveOnly(strategy, "build.gradle",
                "version = '1.0'\nsourceCompatibility = 17\n",
                "version = '1.1'\nsourceCompatibility = 21\n",
                "version = '1.0.1'\nsourceCompatibility = 17\n");

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
        assertThat(verdict.reason()).contains("both sides changed base line");
    }

    @Test
    void passesWhenAnInsertionMeetsTheOtherSidesEdit() {
        Verdict verdict = resolveOnly(strategy, "build.gradle",
                "dependencies {\n\tapi(\"a:a:1.0\")\n\tapi(\"c:c:1.0\")\n}\n",
                "dependencies {\n\tapi(\"a:a:1.0\")\n\tapi(\"b:b:1.0\")\n\tapi(\"c:c:1.0\")\n}\n",
                "dependencies {\n\tapi(\"a:a:2.0\")\n\tapi(\"c:c:2.0\")\n}\n");

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void keepsAnInsertionBesideLinesTheOtherSideRaised() {
        Verdict verdict = resolveOnly(strategy, "framework-platform.gradle",
                "\t\tapi(\"org.quartz-scheduler:quartz:2.3.2\")\n\t\tapi(\"org.seleniumhq.selenium:selenium-java:4.36.0\")\n}\n",
                "\t\tapi(\"org.quartz-scheduler:quartz:2.3.2\")\n\t\tapi(\"org.reactivestreams:reactive-streams:1.0.4\")\n"
                        + "\t\tapi(\"org.seleniumhq.selenium:selenium-java:4.36.0\")\n}\n",
                "\t\tapi(\"org.quartz-scheduler:quartz:2.3.2\")\n\t\tapi(\"org.seleniumhq.selenium:selenium-java:4.38.0\")\n}\n");

        assertThat(text(verdict)).isEqualTo("\t\tapi(\"org.reactivestreams:reactive-streams:1.0.4\")\n"
                + "\t\tapi(\"org.seleniumhq.selenium:selenium-java:4.38.0\")\n");
    }

    @Test
    void passesWhenAnInsertionMeetsARegionTheOtherSideRewroteWholesale() {
        Verdict verdict = resolveOnly(strategy, "settings.gradle",
                "plugins {\n\tid \"com.gradle.develocity\" version \"3.19\"\n\tid \"io.spring.ge.conventions\" version \"0.0.17\"\n}\n",
                "plugins {\n\tid \"io.spring.develocity.conventions\" version \"0.0.22\"\n}\n",
                "plugins {\n\tid \"com.gradle.develocity\" version \"3.19\"\n\tid \"io.spring.ge.conventions\" version \"0.0.17\"\n"
                        + "\tid \"org.gradle.toolchains.foojay-resolver-convention\" version \"0.7.0\"\n}\n");

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void inSourceCodeADeletionNextToTheOtherSidesEditIsADecision() {
        Verdict verdict = resolveOnly(strategy, "src/App.java",
                "int a = 1;\nint b = 2;\n", "int b = 2;\n", "int a = 1;\nint b = 4;\n");

        assertThat(verdict).isInstanceOf(Verdict.Passed.class);
        assertThat(verdict.reason()).contains("ours deleted base line");
    }

    /**
     * One side inserted lines before a base line the other side rewrote: both edits start at that line. Seen as an
     * engine error (an IndexOutOfBounds from the wrong order) on a forward merge's gradle.properties.
     */
    @Test
    void anInsertionBeforeALineTheOtherSideRewroteComesFirst() {
        Verdict verdict = resolveOnly(strategy, "gradle.properties",
                "org.gradle.caching=true\n\ncompatibleVersion=1.15.0\n\nkotlin.stdlib.default.dependency=false\n",
                "org.gradle.caching=true\n\ncompatibleVersion=1.16.0\n\nkotlin.stdlib.default.dependency=false\n",
                "org.gradle.caching=true\n\nspring.build-type=oss\n\ncompatibleVersion=1.15.0\n\n"
                        + "kotlin.stdlib.default.dependency=false\n");

        assertThat(text(verdict)).isEqualTo("spring.build-type=oss\n\ncompatibleVersion=1.16.0\n");
    }
}
