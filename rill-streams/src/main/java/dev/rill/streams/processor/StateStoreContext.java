package dev.rill.streams.processor;

import java.io.File;
import java.util.Map;

/** What a task offers a state store while it opens: identity, its directory, and restore registration. */
public interface StateStoreContext {
    /** The application id. */
    String applicationId();

    /** The task that owns the store. */
    TaskId taskId();

    /** The task's directory under {@code state.dir}; persistent stores keep their files below it. */
    File stateDir();

    /** The application's configuration. */
    Map<String, Object> appConfigs();

    /** The instance's metrics; a store may add sensors of its own, shown in {@code RillStreams.metrics()}. */
    dev.rill.streams.StreamsMetrics metrics();

    /**
     * The configuration entries whose key starts with {@code prefix}, with the prefix taken off their keys (for
     * example {@code appConfigsWithPrefix("my.app.")} turns {@code my.app.limit} into {@code limit}).
     */
    default Map<String, Object> appConfigsWithPrefix(String prefix) {
        Map<String, Object> out = new java.util.HashMap<>();
        appConfigs().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    /** The default key serde from {@code default.key.serde}, or null if not configured. */
    org.apache.kafka.common.serialization.Serde<?> keySerde();

    /** The default value serde from {@code default.value.serde}, or null if not configured. */
    org.apache.kafka.common.serialization.Serde<?> valueSerde();

    /**
     * Topic, partition and offset of the input record the task is processing when the store is called (a store
     * reads it during {@code put}/{@code get}, not in {@code init}). Inside a punctuation, as in Kafka Streams, it is
     * present with a null topic and partition and offset -1; before any record, and in contexts that process no
     * records, it is empty.
     */
    default java.util.Optional<dev.rill.streams.processor.api.RecordMetadata> recordMetadata() {
        return java.util.Optional.empty();
    }

    /**
     * Registers a store so that the task feeds it its changelog records (key and value bytes; a null value is a
     * deletion) before processing starts.
     */
    void register(StateStore store, StateRestoreCallback restoreCallback);
}
