package dev.rill.cli;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering rules of docs/architecture.md, checked on every Rill module's main classes (rill-cli depends on
 * all of them, so its test class path sees them all).
 */
class LayeringTest {

    private static JavaClasses rill;

    @BeforeAll
    static void importRill() {
        rill = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rill");
    }

    @Test
    void internalPackagesAreUsedOnlyInsideTheirOwnArea() {
        classes().should(new ArchCondition<JavaClass>("use internal packages of their own area only") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    int internal = target.indexOf(".internal");
                    if (target.startsWith("dev.rill.") && internal > 0
                            && !origin.getPackageName().startsWith(target.substring(0, internal))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        }).check(rill);
    }

    @Test
    void publicApiSignaturesDoNotExposeInternalTypes() {
        classes().that().resideOutsideOfPackage("..internal..").and().arePublic()
                .should(new ArchCondition<JavaClass>("not expose internal types in public signatures") {
                    @Override
                    public void check(JavaClass api, ConditionEvents events) {
                        for (JavaCodeUnit member : api.getCodeUnits()) {
                            if (!member.getModifiers().contains(JavaModifier.PUBLIC)) {
                                continue;
                            }
                            member.getParameterTypes().forEach(type -> checkType(member, type.toErasure(), events));
                            checkType(member, member.getRawReturnType(), events);
                        }
                    }

                    private void checkType(JavaCodeUnit member, JavaClass type, ConditionEvents events) {
                        if (type.getPackageName().startsWith("dev.rill.") && type.getPackageName().contains(".internal")) {
                            events.add(SimpleConditionEvent.violated(member,
                                    member.getFullName() + " exposes internal type " + type.getName()));
                        }
                    }
                }).allowEmptyShould(true).check(rill);
    }

    @Test
    void otherModulesEmbedRillConnectOnlyThroughItsPublicApi() {
        noClasses().that().resideOutsideOfPackage("dev.rill.connect..")
                .should().dependOnClassesThat().resideInAPackage("dev.rill.connect.internal..")
                .because("the CLI, the demo, Rill Mirror and the benchmarks run Rill Connect through "
                        + "dev.rill.connect.ConnectWorker, so its internals can change (e.g. for distributed mode)")
                .allowEmptyShould(true).check(rill);
    }

    @Test
    void nothingDependsOnTheCommandLineOrTheBenchmarks() {
        noClasses().that().resideOutsideOfPackage("dev.rill.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rill.cli..", "dev.rill.bench..")
                .allowEmptyShould(true).check(rill);
    }

    @Test
    void embeddedKafkaDependsOnNoOtherRillModule() {
        noClasses().that().resideInAPackage("dev.rill.kafka.embedded..")
                .should().dependOnClassesThat(DescribedPredicate.describe("are Rill classes outside rill-kafka-embedded",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.rill.")
                                && !c.getPackageName().startsWith("dev.rill.kafka.embedded")))
                .check(rill);
    }

    @Test
    void onlyTheEmbeddedBrokerUsesKafkaInternals() {
        noClasses().that().resideInAPackage("dev.rill..").and().resideOutsideOfPackage("dev.rill.kafka.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..internals..", "kafka..")
                .allowEmptyShould(true).check(rill);
    }
}
