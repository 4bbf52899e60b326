package dev.rill.connect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
    void connectWorkerIsTheOnlyPublicEntryPoint() {
        classes().that().resideInAPackage("dev.rill.connect").and().arePublic()
                .and().areTopLevelClasses()
                .should().haveSimpleName("ConnectWorker")
                .because("programs embed Rill Connect through one builder; the worker's assembly stays package-private")
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

    /**
     * The worker's layers, top to bottom: the REST API talks to herders, herders decide what runs and drive the
     * runtime, the runtime runs connectors and tasks, storage keeps configs, statuses and offsets. Config parsing and
     * plugin loading serve every layer and use none. The assembly ({@code dev.rill.connect}) wires them together.
     */
    @Test
    void layersOnlyDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Assembly").definedBy("dev.rill.connect")
                .layer("Rest").definedBy("dev.rill.connect.internal.rest..")
                .layer("Herder").definedBy("dev.rill.connect.internal.herder..")
                .layer("Runtime").definedBy("dev.rill.connect.internal.runtime..", "dev.rill.connect.internal.errors..")
                .layer("Storage").definedBy("dev.rill.connect.internal.storage..")
                .layer("Support").definedBy("dev.rill.connect.internal.config..", "dev.rill.connect.internal.plugins..")
                .whereLayer("Assembly").mayNotBeAccessedByAnyLayer()
                .whereLayer("Rest").mayOnlyBeAccessedByLayers("Assembly")
                .whereLayer("Herder").mayOnlyBeAccessedByLayers("Rest", "Assembly")
                .whereLayer("Runtime").mayOnlyBeAccessedByLayers("Herder", "Assembly")
                .whereLayer("Storage").mayOnlyBeAccessedByLayers("Runtime", "Herder", "Rest", "Assembly")
                .whereLayer("Support").mayNotAccessAnyLayer()
                .check(CLASSES);
    }

    @Test
    void internalPackagesHaveNoCycles() {
        slices().matching("dev.rill.connect.internal.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
