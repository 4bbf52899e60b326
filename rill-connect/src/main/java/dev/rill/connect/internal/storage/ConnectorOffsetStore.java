package dev.rill.connect.internal.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offsets of a source connector that has its own offsets topic ({@code offsets.storage.topic}, KIP-618), in
 * distributed mode: its own topic is the primary store and the worker's offsets topic the fallback.
 * <ul>
 * <li>Reads take the connector's topic's value for a key, and the worker topic's value only for keys its own topic
 * does not hold (so a connector that is given its own topic later resumes from what it wrote before).</li>
 * <li>Writes go to the connector's topic first; once that has succeeded, the same entries are written to the worker's
 * topic too, and a failure there is logged, not raised (the connector's own topic is the one that counts).</li>
 * </ul>
 * Both stores are owned by the worker; this view neither starts nor closes them.
 */
public final class ConnectorOffsetStore implements OffsetStore {
    private static final Logger log = LoggerFactory.getLogger(ConnectorOffsetStore.class);

    private final String topic;
    private final OffsetStore connectorStore;
    private final OffsetStore workerStore;

    public ConnectorOffsetStore(String topic, OffsetStore connectorStore, OffsetStore workerStore) {
        this.topic = topic;
        this.connectorStore = connectorStore;
        this.workerStore = workerStore;
    }

    /** The connector's own offsets topic. */
    public String topic() {
        return topic;
    }

    @Override
    public void start() {
    }

    @Override
    public Map<ByteBuffer, ByteBuffer> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> out = new HashMap<>(connectorStore.get(keys));
        List<ByteBuffer> missing = new ArrayList<>();
        for (ByteBuffer k : keys) {
            if (!out.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            out.putAll(workerStore.get(missing));
        }
        return out;
    }

    @Override
    public Map<ByteBuffer, ByteBuffer> all() {
        Map<ByteBuffer, ByteBuffer> out = new HashMap<>(workerStore.all());
        out.putAll(connectorStore.all());
        return out;
    }

    @Override
    public void set(Map<ByteBuffer, ByteBuffer> values) {
        connectorStore.set(values);
        copyToWorkerStore(values);
    }

    /** Writes entries already committed to the connector's topic (e.g. in a transaction) to the worker's topic. */
    public void copyToWorkerStore(Map<ByteBuffer, ByteBuffer> values) {
        try {
            workerStore.set(values);
        } catch (RuntimeException e) {
            log.warn("Could not copy {} offsets from the connector's offsets topic {} to the worker's offsets topic; "
                    + "the connector's topic holds them", values.size(), topic, e);
        }
    }

    @Override
    public void close() {
    }
}
