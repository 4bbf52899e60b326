package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.ConnectWorker;

/** The rill command points Rill Connect at Apache's worker jars under the Rill home, unless told otherwise. */
class BuiltInPluginsTest {
    private String savedHome;
    private String savedDir;

    @BeforeEach
    void save() {
        savedHome = System.getProperty(BuiltInPlugins.HOME_PROPERTY);
        savedDir = System.clearProperty(ConnectWorker.APACHE_WORKER_DIR_PROPERTY);
    }

    @AfterEach
    void restore() {
        restore(BuiltInPlugins.HOME_PROPERTY, savedHome);
        restore(ConnectWorker.APACHE_WORKER_DIR_PROPERTY, savedDir);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void shouldUseTheApacheWorkerJarsUnderTheRillHome(@TempDir Path home) throws Exception {
        Path jars = Files.createDirectories(home.resolve(BuiltInPlugins.APACHE_WORKER_JARS));
        System.setProperty(BuiltInPlugins.HOME_PROPERTY, home.toString());
        BuiltInPlugins.useApacheWorkerJars();
        assertThat(System.getProperty(ConnectWorker.APACHE_WORKER_DIR_PROPERTY))
                .isEqualTo(jars.toAbsolutePath().toString());
    }

    @Test
    void shouldKeepADirectoryGivenExplicitlyAndSetNothingWhenTheJarsWereNotBuilt(@TempDir Path home) {
        System.setProperty(BuiltInPlugins.HOME_PROPERTY, home.toString());
        BuiltInPlugins.useApacheWorkerJars();
        assertThat(System.getProperty(ConnectWorker.APACHE_WORKER_DIR_PROPERTY)).isNull();

        System.setProperty(ConnectWorker.APACHE_WORKER_DIR_PROPERTY, "/opt/kafka/libs");
        BuiltInPlugins.useApacheWorkerJars();
        assertThat(System.getProperty(ConnectWorker.APACHE_WORKER_DIR_PROPERTY)).isEqualTo("/opt/kafka/libs");
    }
}
