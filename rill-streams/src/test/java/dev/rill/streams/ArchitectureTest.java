package dev.rill.streams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** Layering rules: the public API never exposes internals; no Kafka internals anywhere. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.rill.streams");

    @Test
    void noKafkaInternalsAreUsed() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..internals..").check(CLASSES);
    }

    @Test
    void publicApiSignaturesDoNotExposeInternalTypes() {
        methods().that().areDeclaredInClassesThat().resideOutsideOfPackage("dev.rill.streams.internal..")
                .and().arePublic().or().areProtected()
                .should(new ArchCondition<>("not mention dev.rill.streams.internal types in their signature") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        if (!m.getOwner().getModifiers().contains(JavaModifier.PUBLIC)
                                || m.getOwner().getPackageName().contains(".internal")) {
                            return;
                        }
                        boolean bad = m.getRawReturnType().getPackageName().contains("dev.rill.streams.internal")
                                || m.getRawParameterTypes().stream().map(JavaClass::getPackageName)
                                .anyMatch(p -> p.contains("dev.rill.streams.internal"));
                        events.add(new SimpleConditionEvent(m, !bad, m.getFullName() + " exposes an internal type"));
                    }
                }).check(CLASSES);
    }

    @Test
    void theEngineDoesNotDependOnTheRuntimeOrTheDsl() {
        noClasses().that().resideInAPackage("dev.rill.streams.internal.engine..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.rill.streams.internal.runtime..", "dev.rill.streams.internal.kstream..")
                .check(CLASSES);
    }

    @Test
    void theDslIsBuiltOnTheProcessorApiNotOnTheEngine() {
        noClasses().that().resideInAPackage("dev.rill.streams.internal.kstream..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.rill.streams.internal.engine..", "dev.rill.streams.internal.runtime..")
                .check(CLASSES);
        classes().that().resideInAPackage("dev.rill.streams.kstream").should().onlyDependOnClassesThat()
                .resideOutsideOfPackages("dev.rill.streams.internal..").check(CLASSES);
    }
}
