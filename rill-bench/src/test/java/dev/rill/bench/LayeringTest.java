package dev.rill.bench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The harness's layering: scenarios use only the public SPI; side programs know nothing of the harness. */
class LayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rill.bench");

    @Test
    void scenariosShouldUseOnlyThePublicHarnessApi() {
        noClasses().that().resideInAPackage("dev.rill.bench.scenarios..")
                .should().dependOnClassesThat().resideInAPackage("dev.rill.bench.internal..")
                .check(CLASSES);
    }

    @Test
    void sidesShouldNotDependOnTheHarness() {
        noClasses().that().resideInAPackage("dev.rill.bench.sides..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rill.bench", "dev.rill.bench.internal..",
                        "dev.rill.bench.scenarios..", "dev.rill.kafka.embedded..")
                .check(CLASSES);
    }

    @Test
    void theHarnessApiShouldNotDependOnItsImplementationExceptTheEntryPoint() {
        noClasses().that().resideInAPackage("dev.rill.bench").and().doNotHaveSimpleName("Bench")
                .should().dependOnClassesThat().resideInAPackage("dev.rill.bench.internal..")
                .check(CLASSES);
    }
}
