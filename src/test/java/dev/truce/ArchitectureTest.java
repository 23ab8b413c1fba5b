package dev.truce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules docs/architecture.md states, checked on the compiled classes: data flows one way, and the engine
 * is plain Java. A change that breaks one names the offending dependency here instead of in a reviewer's head.
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
}
