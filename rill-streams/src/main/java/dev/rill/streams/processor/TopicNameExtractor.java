package dev.rill.streams.processor;

/** Chooses the output topic per record, for dynamic routing in {@code KStream#to}. */
@FunctionalInterface
public interface TopicNameExtractor<K, V> {
    /** Returns the topic the record goes to; the topic must exist (or be auto-created by the broker). */
    String extract(K key, V value, RecordContext recordContext);
}
