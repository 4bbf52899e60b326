package dev.rill.connect.datagen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The plugin uses only what every Connect worker provides plus its own libraries, through public APIs. */
class PluginArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rill.connect.datagen");

    @Test
    void shouldUseOnlyTheJdkConnectApiKafkaClientsSlf4jAndItsOwnLibraries() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..",
                        "org.apache.kafka.connect..", "org.apache.kafka.common..", "org.apache.kafka.clients..",
                        "org.slf4j..", "dev.rill.connect.datagen..", "org.postgresql..", "org.sqlite..")
                .because("a plugin may rely on what the worker provides (connect-api, kafka-clients, slf4j) and on"
                        + " the libraries in its own plugin directory, nothing else")
                .check(MAIN);
    }

    @Test
    void shouldNotUseKafkaInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..internals..")
                .check(MAIN);
    }

    @Test
    void shouldKeepImplementationOutOfThePublicPackageAndIndependentOfIt() {
        noClasses().that().resideInAPackage("dev.rill.connect.datagen.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.rill.connect.datagen")
                .because("the public connector classes sit on top of the implementation, not the reverse")
                .check(MAIN);
    }
}
