package dev.rill.mirror.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Sensor;

/**
 * A source task's metrics per replicated partition, named as MirrorMaker 2 4.3.1 names them by default ({@code
 * metric.names.formats=legacy}): MBean {@code kafka.connect.mirror:type=MirrorSourceConnector,source=<alias>,
 * target=<alias>,topic=<remote topic>,partition=<n>} with {@code record-count}, {@code record-rate}, {@code
 * byte-count}, {@code byte-rate}, {@code record-age-ms} and {@code replication-latency-ms} (each of the last two
 * also {@code -min}, {@code -max}, {@code -avg}). A partition's metrics exist while the task owns it. Thread-safe:
 * Connect acknowledges records on the producer's thread while the task polls on its own.
 */
final class MirrorSourceMetrics implements AutoCloseable {
    static final String GROUP = "MirrorSourceConnector";

    private record PartitionSensors(Sensor records, Sensor bytes, Sensor age, Sensor latency) {
    }

    private final MirrorMetricsRegistry registry = new MirrorMetricsRegistry(GROUP);
    private final Map<TopicPartition, PartitionSensors> partitions = new ConcurrentHashMap<>();
    private final String source;
    private final String target;
    private boolean closed;

    MirrorSourceMetrics(String source, String target) {
        this.source = source;
        this.target = target;
    }

    /** Makes the metrics of exactly these remote partitions exist: adds the new ones, removes the others. */
    synchronized void owned(Set<TopicPartition> remotePartitions) {
        if (closed) {
            return; // the task stopped while it was taking partitions: nothing may be registered again
        }
        for (TopicPartition gone : Set.copyOf(partitions.keySet())) {
            if (!remotePartitions.contains(gone)) {
                PartitionSensors sensors = partitions.remove(gone);
                registry.remove(sensors.records().name());
                registry.remove(sensors.bytes().name());
                registry.remove(sensors.age().name());
                registry.remove(sensors.latency().name());
            }
        }
        for (TopicPartition partition : remotePartitions) {
            partitions.computeIfAbsent(partition, this::sensors);
        }
    }

    private PartitionSensors sensors(TopicPartition remote) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("source", source);
        tags.put("target", target);
        tags.put("topic", remote.topic());
        tags.put("partition", Integer.toString(remote.partition()));
        String prefix = remote + "-";
        return new PartitionSensors(
                registry.meter(prefix + "records", "record", "records replicated to the target cluster", tags),
                registry.meter(prefix + "bytes", "byte", "record value bytes read for replication", tags),
                registry.timing(prefix + "record-age", "record-age-ms",
                        "Time from a source record's timestamp to its read by the task, in ms", tags),
                registry.timing(prefix + "replication-latency", "replication-latency-ms",
                        "Time from a source record's timestamp to its acknowledgement by the target cluster, in ms",
                        tags));
    }

    /**
     * The task read a record of {@code remote}'s source partition with source {@code timestamp} (negative: none,
     * then only its bytes count) and a value of {@code bytes} (MirrorMaker 2 counts value bytes only).
     */
    void read(TopicPartition remote, long timestamp, long bytes) {
        PartitionSensors sensors = partitions.get(remote);
        if (sensors != null) {
            sensors.bytes().record(bytes);
            if (timestamp >= 0) {
                sensors.age().record(System.currentTimeMillis() - timestamp);
            }
        }
    }

    /** The target acknowledged a record of {@code remote} with source {@code timestamp} (negative: none). */
    void replicated(TopicPartition remote, long timestamp) {
        PartitionSensors sensors = partitions.get(remote);
        if (sensors != null) {
            sensors.records().record();
            if (timestamp >= 0) {
                sensors.latency().record(System.currentTimeMillis() - timestamp);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        partitions.clear();
        registry.close();
    }
}
