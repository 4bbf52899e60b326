package dev.rill.mirror.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Sensor;

/**
 * A checkpoint task's metrics per consumer group and remote partition, named as MirrorMaker 2 4.3.1 names them by
 * default: MBean {@code kafka.connect.mirror:type=MirrorCheckpointConnector,source=<alias>,target=<alias>,
 * group=<group>,topic=<remote topic>,partition=<n>} with {@code checkpoint-latency-ms} and its {@code -min}, {@code
 * -max}, {@code -avg}: the time from reading the group's committed offset on the source to the target cluster's
 * acknowledgement of the checkpoint. A pair's metrics exist from its first acknowledged checkpoint until the task no
 * longer checkpoints it (the group is gone, filtered out or owned by another task) or stops.
 */
final class MirrorCheckpointMetrics implements AutoCloseable {
    static final String GROUP = "MirrorCheckpointConnector";

    private record Key(String group, TopicPartition remote) {
    }

    private final MirrorMetricsRegistry registry = new MirrorMetricsRegistry(GROUP);
    private final Map<Key, Sensor> latencies = new LinkedHashMap<>();
    private final String source;
    private final String target;
    private boolean closed;

    MirrorCheckpointMetrics(String source, String target) {
        this.source = source;
        this.target = target;
    }

    /** The target acknowledged a checkpoint of {@code group} on {@code remote} created at {@code createdMs}. */
    synchronized void acknowledged(String group, TopicPartition remote, long createdMs) {
        if (closed) {
            return;
        }
        latencies.computeIfAbsent(new Key(group, remote), this::sensor)
                .record(System.currentTimeMillis() - createdMs);
    }

    private Sensor sensor(Key key) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("source", source);
        tags.put("target", target);
        tags.put("group", key.group());
        tags.put("topic", key.remote().topic());
        tags.put("partition", Integer.toString(key.remote().partition()));
        return registry.timing(key.group() + "-" + key.remote() + "-checkpoint-latency", "checkpoint-latency-ms",
                "Time from reading a group's committed offset on the source to the target's acknowledgement of its "
                        + "checkpoint, in ms", tags);
    }

    /** Removes the metrics of every (group, remote partition) the task no longer checkpoints. */
    synchronized void retain(Set<Map.Entry<String, TopicPartition>> checkpointed) {
        latencies.entrySet().removeIf(e -> {
            boolean gone = !checkpointed.contains(Map.entry(e.getKey().group(), e.getKey().remote()));
            if (gone) {
                registry.remove(e.getValue().name());
            }
            return gone;
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        latencies.clear();
        registry.close();
    }
}
