package dev.rill.connect.internal.storage;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.storage.OffsetStorageReader;

/** The {@link OffsetStorageReader} given to a source connector and its tasks. */
public final class OffsetReader implements OffsetStorageReader {
    private final String connector;
    private final OffsetStore store;
    private final OffsetCodec codec;

    public OffsetReader(String connector, OffsetStore store, OffsetCodec codec) {
        this.connector = connector;
        this.store = store;
        this.codec = codec;
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return offsets(java.util.List.of(partition)).get(partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<ByteBuffer, Map<String, T>> keys = new LinkedHashMap<>();
        for (Map<String, T> p : partitions) {
            keys.put(codec.key(connector, p), p);
        }
        Map<ByteBuffer, ByteBuffer> raw = store.get(keys.keySet());
        Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
        keys.forEach((k, p) -> {
            ByteBuffer v = raw.get(k);
            if (v != null) {
                out.put(p, codec.parseValue(v));
            }
        });
        return out;
    }
}
