package dev.rill.kafka.embedded.internal;

import dev.rill.kafka.embedded.DataDirConflictException;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The marker file {@code rill-kafka.properties} at the top of a data directory: which cluster lives there
 * and how many brokers it has, so a restart reuses it and a mismatched start is refused with advice.
 */
public record ClusterManifest(String clusterId, int brokers) {

    static final String FILE_NAME = "rill-kafka.properties";

    /** Reads the manifest of {@code dataDir}, or writes a new one if the directory is new or empty. */
    public static ClusterManifest openOrCreate(Path dataDir, int brokers) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                ClusterManifest existing = read(file);
                if (existing.brokers != brokers) {
                    throw new DataDirConflictException("data dir " + dataDir + " holds a " + existing.brokers
                            + "-broker cluster (cluster id " + existing.clusterId + ") but " + brokers
                            + " broker(s) were asked for: start with --brokers " + existing.brokers
                            + " or choose another --data-dir");
                }
                return existing;
            }
            if (!isEmpty(dataDir)) {
                throw new DataDirConflictException("data dir " + dataDir + " is not empty and has no " + FILE_NAME
                        + ", so it belongs to something else (another Kafka installation?): "
                        + "choose an empty or new --data-dir");
            }
            ClusterManifest created = new ClusterManifest(Uuid.randomUuid().toString(), brokers);
            created.write(file);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use data dir " + dataDir, e);
        }
    }

    /** Empty but for a {@code logs} directory, where the rill command may already be writing the broker's log. */
    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> p.getFileName().toString().equals("logs") && Files.isDirectory(p));
        }
    }

    private static ClusterManifest read(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        }
        String clusterId = props.getProperty("cluster.id");
        String brokers = props.getProperty("brokers");
        if (clusterId == null || brokers == null) {
            throw new DataDirConflictException(file + " is damaged: expected keys cluster.id and brokers, found "
                    + props.stringPropertyNames() + "; restore it or choose another --data-dir");
        }
        return new ClusterManifest(clusterId, Integer.parseInt(brokers.trim()));
    }

    private void write(Path file) throws IOException {
        Properties props = new Properties();
        props.setProperty("cluster.id", clusterId);
        props.setProperty("brokers", Integer.toString(brokers));
        try (Writer writer = Files.newBufferedWriter(file)) {
            props.store(writer, "Rill embedded Kafka cluster; do not edit");
        }
    }
}
