package dev.rill.connect.plugintest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The architecture every Rill plugin keeps: it uses only what every Connect worker provides plus its own
 * libraries, through public APIs. A plugin module runs these tests by extending this class with its base
 * package and the packages of the libraries it ships in its plugin directory:
 *
 * <pre>{@code
 * class PluginArchitectureTest extends PluginArchitectureContract {
 *     PluginArchitectureTest() {
 *         super("dev.rill.connect.jdbc", "org.postgresql..", "org.sqlite..");
 *     }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PluginArchitectureContract {
    private final String pluginPackage;
    private final List<String> allowedPackages;
    private final JavaClasses main;

    /**
     * @param pluginPackage   the plugin's base package, e.g. {@code dev.rill.connect.file}; its public connector
     *                        classes live there and its implementation under {@code <pluginPackage>.internal}
     * @param libraryPackages ArchUnit package patterns (e.g. {@code "org.sqlite.."}) of the libraries the plugin
     *                        ships in its own plugin directory
     */
    protected PluginArchitectureContract(String pluginPackage, String... libraryPackages) {
        this.pluginPackage = pluginPackage;
        List<String> allowed = new ArrayList<>(List.of("java..", "javax..", "org.apache.kafka.connect..",
                "org.apache.kafka.common..", "org.apache.kafka.clients..", "org.slf4j..", pluginPackage + ".."));
        allowed.addAll(List.of(libraryPackages));
        this.allowedPackages = List.copyOf(allowed);
        this.main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(pluginPackage);
    }

    @Test
    void shouldUseOnlyTheJdkConnectApiKafkaClientsSlf4jAndItsOwnLibraries() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(allowedPackages.toArray(String[]::new))
                .because("a plugin may rely on what the worker provides (connect-api, kafka-clients, slf4j) and on"
                        + " the libraries in its own plugin directory, nothing else")
                .check(main);
    }

    @Test
    void shouldNotUseKafkaInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..internals..")
                .check(main);
    }

    @Test
    void shouldKeepImplementationOutOfThePublicPackageAndIndependentOfIt() {
        noClasses().that().resideInAPackage(pluginPackage + ".internal..")
                .should().dependOnClassesThat().resideInAPackage(pluginPackage)
                .because("the public connector classes sit on top of the implementation, not the reverse")
                .check(main);
    }
}
