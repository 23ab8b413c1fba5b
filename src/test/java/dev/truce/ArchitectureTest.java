package dev.truce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;

import com.knuddels.jtokkit.Encodings;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.truce.server.TruceServer;

/**
 * The package rules docs/architecture.md states, checked on the compiled classes: data flows one way, and the engine
 * is plain Java, and every Spring component is where the server's component scan looks. A change that breaks one names the offending dependency here instead of in a reviewer's head.
 */
class ArchitectureTest {

    private static final JavaClasses TRUCE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.truce");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.truce.(*)..").should().beFreeOfCycles().check(TRUCE);
    }

    @Test
    void theEngineIsPlainJavaWithoutSpringOrGitHub() {
        noClasses().that().resideInAnyPackage("dev.truce.conflict..", "dev.truce.strategy..", "dev.truce.resolve..",
                        "dev.truce.engine..", "dev.truce.validate..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.kohsuke..",
                        "dev.truce.server..", "dev.truce.webhook..", "dev.truce.jobs..", "dev.truce.pullrequest..",
                        "dev.truce.publish..", "dev.truce.github..", "dev.truce.cli..")
                .check(TRUCE);
    }

    @Test
    void theJobsTheWebhookAndSetupTakeSettingsOfTheirOwnSoTheServerOnlyPointsAtThem() {
        noClasses().that().resideInAnyPackage("dev.truce.jobs..", "dev.truce.webhook..", "dev.truce.setup..")
                .should().dependOnClassesThat().resideInAPackage("dev.truce.server..")
                .check(TRUCE);
    }

    @Test
    void tokensAreCountedWithTheOneVocabularyLoadedAlone() {
        // jtokkit's default registry parses all four bundled vocabularies where one is used (174 MiB allocated
        // against 39): the first job with a model rose 167-174 MiB in resident memory instead of 46-47
        // (docs/performance.md, fifth pass).
        noClasses().should().callMethod(Encodings.class, "newDefaultEncodingRegistry").check(TRUCE);
    }

    @Test
    void everyComponentIsInAPackageTheServerScans() {
        List<String> scanned = Arrays.stream(TruceServer.class.getAnnotation(SpringBootApplication.class)
                .scanBasePackages()).map(p -> p + ".").toList();
        // Spring's own reading of annotations (a @Configuration or @RestController is a @Component), on the loaded
        // classes: the import above knows Spring's annotation types only by name.
        List<String> unscanned = TRUCE.stream().map(JavaClass::reflect)
                .filter(type -> AnnotatedElementUtils.hasAnnotation(type, Component.class))
                .map(Class::getName).filter(name -> scanned.stream().noneMatch(name::startsWith)).toList();

        assertThat(unscanned).as("components outside " + scanned).isEmpty();
    }
}
