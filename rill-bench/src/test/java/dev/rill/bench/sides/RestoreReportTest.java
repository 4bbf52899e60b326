package dev.rill.bench.sides;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreReportTest {

    @Test
    void shouldBeAbsentWithoutTheRestoreKeys() {
        Properties props = new Properties();
        props.setProperty("application.id", "app");

        assertThat(RestoreReport.take(props)).isEmpty();
        assertThat(props).containsOnlyKeys("application.id");
    }

    @Test
    void shouldTakeItsKeysOutOfTheStreamsPropertiesAndWriteTheStoreScan(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.properties");
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "localhost:1");
        props.setProperty(RestoreReport.SIGNAL_GROUP, "run-restored");
        props.setProperty(RestoreReport.REPORT_FILE, file.toString());

        try (RestoreReport report = RestoreReport.take(props).orElseThrow()) {
            assertThat(props).containsOnlyKeys("bootstrap.servers");
            report.write(() -> 42);
        }

        Properties written = load(file);
        assertThat(written.getProperty(RestoreReport.RESTORED_RECORDS)).isEqualTo("0");
        assertThat(written.getProperty(RestoreReport.STORE_KEYS)).isEqualTo("42");
        assertThat(written.getProperty(RestoreReport.FIRST_START_MS)).isEqualTo("-1");
        assertThat(written.getProperty(RestoreReport.LAST_END_MS)).isEqualTo("-1");
    }

    @Test
    void shouldReportAFailedScanAsMinusOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.properties");
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "localhost:1");
        props.setProperty(RestoreReport.SIGNAL_GROUP, "run-restored");
        props.setProperty(RestoreReport.REPORT_FILE, file.toString());

        try (RestoreReport report = RestoreReport.take(props).orElseThrow()) {
            report.write(() -> {
                throw new IllegalStateException("store not queryable");
            });
        }

        assertThat(load(file).getProperty(RestoreReport.STORE_KEYS)).isEqualTo("-1");
    }

    private static Properties load(Path file) throws Exception {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        }
        return props;
    }
}
