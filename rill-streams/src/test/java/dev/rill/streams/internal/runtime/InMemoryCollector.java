package dev.rill.streams.internal.runtime;

import dev.rill.streams.internal.engine.ErrorOrigin;
import dev.rill.streams.internal.engine.RecordCollector;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/** Keeps sent records in memory (topic and key), for runtime tests that need tasks but no producer. */
final class InMemoryCollector implements RecordCollector {
    final List<String> sent = new ArrayList<>();
    int flushes;

    @Override
    public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
                     ErrorOrigin origin) {
        sent.add(topic);
    }

    @Override
    public int partitionCount(String topic) {
        return 2;
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
    }
}
