package dev.rill.connect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layering rules: the public API hides the implementation, and only Kafka's public API is used. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(java.nio.file.Paths.get("target", "classes"));

    @Test
    void publicApiDoesNotExposeInternalTypes() {
        methods().that().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
                .and().arePublic()
                .should().notHaveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe("internal",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().contains(".internal")))
                .andShould().notHaveRawParameterTypes(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "internal parameters", (java.util.List<com.tngtech.archunit.core.domain.JavaClass> ps) ->
                                ps.stream().anyMatch(c -> c.getPackageName().contains(".internal"))))
                .check(CLASSES);
    }

    @Test
    void noKafkaInternalsAreUsed() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..internals..")
                .check(CLASSES);
    }

    @Test
    void connectDoesNotDependOnOtherRillAreas() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.rill.streams..", "dev.rill.mirror..",
                "dev.rill.cli..").check(CLASSES);
    }
}
