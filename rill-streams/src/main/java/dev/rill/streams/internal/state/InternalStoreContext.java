package dev.rill.streams.internal.state;

import dev.rill.streams.processor.StateStoreContext;
import org.apache.kafka.common.serialization.Serde;

/** What Rill's own store layers need from the task beyond the public {@link StateStoreContext}. */
public interface InternalStoreContext extends StateStoreContext {
    /** Writes one change of a logged store to its changelog partition. */
    void logChange(String storeName, byte[] key, byte[] value, long timestamp);

    /** Whether the named store writes a changelog. */
    boolean loggingEnabled(String storeName);

    /** The timestamp of the record being processed (or of the punctuation). */
    long recordTimestamp();

    /** The byte budget shared by the write caches of the task's thread. */
    CacheBudget cacheBudget();

    Serde<?> defaultKeySerde();

    /** Asks for a commit of the task soon (a store whose uncommitted writes grew large); ignored by default. */
    default void requestCommit() {
    }

    Serde<?> defaultValueSerde();

    @Override
    default Serde<?> keySerde() {
        return defaultKeySerde();
    }

    @Override
    default Serde<?> valueSerde() {
        return defaultValueSerde();
    }
}
