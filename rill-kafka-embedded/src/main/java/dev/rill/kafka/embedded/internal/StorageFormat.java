package dev.rill.kafka.embedded.internal;

import dev.rill.kafka.embedded.DataDirConflictException;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** Formats a node's log directory for KRaft once, and checks an existing one belongs to the same cluster. */
final class StorageFormat {

    private StorageFormat() {
    }

    static void ensureFormatted(NodeSpec spec) {
        Path dir = spec.directory();
        Path meta = dir.resolve("meta.properties");
        try {
            if (Files.exists(meta)) {
                String found = readClusterId(meta);
                if (!spec.clusterId().equals(found)) {
                    throw new DataDirConflictException("node directory " + dir + " belongs to Kafka cluster " + found
                            + ", not to " + spec.clusterId() + ": choose another data dir or delete this one");
                }
                return;
            }
            Files.createDirectories(dir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(spec.clusterId())
                    .setNodeId(spec.id())
                    .setControllerListenerName(NodeConfigs.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toAbsolutePath().toString())
                    .setDirectories(List.of(dir.toAbsolutePath().toString()))
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format Kafka storage in " + dir, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String readClusterId(Path meta) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(meta)) {
            props.load(reader);
        }
        return props.getProperty("cluster.id");
    }
}
