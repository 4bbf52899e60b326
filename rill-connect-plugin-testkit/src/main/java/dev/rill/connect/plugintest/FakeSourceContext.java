package dev.rill.connect.plugintest;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A hand-written source task context whose offset store keeps what {@link #commit} was given, like a worker. */
public final class FakeSourceContext implements SourceTaskContext, OffsetStorageReader {
    private final Map<Map<String, ?>, Map<String, Object>> offsets = new HashMap<>();
    private final Map<String, String> configs;

    public FakeSourceContext(Map<String, String> configs) {
        this.configs = configs;
    }

    /** Stores the offsets of records the "producer" acknowledged, as the worker's offset flush does. */
    public void commit(List<SourceRecord> acknowledged) {
        for (SourceRecord record : acknowledged) {
            if (record.sourcePartition() == null || record.sourceOffset() == null) {
                continue; // like the worker: records without an offset store nothing
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
            offsets.put(Map.copyOf(record.sourcePartition()), Map.copyOf(offset));
        }
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return this;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return offsets.get(partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            result.put(partition, offsets.get(partition));
        }
        return result;
    }
}
