package dev.rill.streams.state;

/** A window store that keeps each value's timestamp (the windowed DSL's stores). */
public interface TimestampedWindowStore<K, V> extends WindowStore<K, ValueAndTimestamp<V>> {
}
