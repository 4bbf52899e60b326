package dev.rill.connect.internal.storage;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Source offsets in the offsets topic ({@code offset.storage.topic}), in Apache Kafka Connect's records: key
 * {@code ["<connector>", {<partition>}]}, value {@code {<offset>}}, JSON without schemas (the layout
 * {@link OffsetCodec} writes and the file store keeps), a null value deleting the offset. Reads first read the
 * topic to its end, so a task that moved from another worker resumes from that worker's last flush.
 */
public final class KafkaOffsetStore implements OffsetStore {
    private final KafkaTopicLog log;
    private final Duration timeout;
    private final Map<ByteBuffer, ByteBuffer> data = new ConcurrentHashMap<>();

    public KafkaOffsetStore(String topic, Map<String, Object> clientProps, String clientId, Duration timeout) {
        this.timeout = timeout;
        this.log = new KafkaTopicLog(topic, clientProps, clientId + "-offsets", this::apply);
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        ByteBuffer key = ByteBuffer.wrap(record.key());
        if (record.value() == null) {
            data.remove(key);
        } else {
            data.put(key, ByteBuffer.wrap(record.value()));
        }
    }

    @Override
    public void start() {
        log.start(timeout);
    }

    @Override
    public Map<ByteBuffer, ByteBuffer> get(Collection<ByteBuffer> keys) {
        log.readToEnd(timeout);
        Map<ByteBuffer, ByteBuffer> out = new HashMap<>();
        for (ByteBuffer k : keys) {
            ByteBuffer v = data.get(k);
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    @Override
    public Map<ByteBuffer, ByteBuffer> all() {
        log.readToEnd(timeout);
        return new HashMap<>(data);
    }

    @Override
    public void set(Map<ByteBuffer, ByteBuffer> values) {
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        values.forEach((k, v) -> records.add(new java.util.AbstractMap.SimpleEntry<>(array(k),
                v == null ? null : array(v))));
        log.writeAll(records, timeout);
        values.forEach((k, v) -> {
            if (v == null) {
                data.remove(k);
            } else {
                data.put(k, v);
            }
        });
    }

    private static byte[] array(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Override
    public void close() {
        log.close();
    }
}
