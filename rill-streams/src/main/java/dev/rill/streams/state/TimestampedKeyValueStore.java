package dev.rill.streams.state;

/** A key-value store that keeps each value's timestamp (the DSL's stores). */
public interface TimestampedKeyValueStore<K, V> extends KeyValueStore<K, ValueAndTimestamp<V>> {
}
