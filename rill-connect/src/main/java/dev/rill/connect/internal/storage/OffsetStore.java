package dev.rill.connect.internal.storage;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Source offsets, as serialized key/value pairs in Kafka Connect's format (key {@code ["connector", {partition}]},
 * value {@code {offset}}, JSON without schemas). Standalone keeps them in a file; a distributed herder would keep
 * them in the offsets topic behind the same interface.
 */
public interface OffsetStore extends AutoCloseable {
    /** Loads the stored offsets. */
    void start();

    /** The value stored for each key (absent keys are omitted). */
    Map<ByteBuffer, ByteBuffer> get(java.util.Collection<ByteBuffer> keys);

    /** All stored entries. */
    Map<ByteBuffer, ByteBuffer> all();

    /** Stores the entries durably (a {@code null} value deletes the key) before returning. */
    void set(Map<ByteBuffer, ByteBuffer> values);

    @Override
    void close();
}
