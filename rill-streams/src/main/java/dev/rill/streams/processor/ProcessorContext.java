package dev.rill.streams.processor;

import dev.rill.streams.StreamsMetrics;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;

/**
 * The context of the older, record-at-a-time callbacks that Kafka Streams still hands to
 * {@link dev.rill.streams.kstream.ValueTransformerWithKey#init}: application and task identity, state stores,
 * punctuation, and the metadata of the record being processed (topic, partition, offset, timestamp, headers).
 *
 * <p>The new Processor API's context is {@link dev.rill.streams.processor.api.ProcessorContext}. Inside
 * {@code KTable.transformValues} the forward methods throw: the transformer's return value is the only output.
 */
public interface ProcessorContext {
    String applicationId();

    TaskId taskId();

    /** The default key serde of the application. */
    Serde<?> keySerde();

    /** The default value serde of the application. */
    Serde<?> valueSerde();

    /** This task's state directory. */
    File stateDir();

    StreamsMetrics metrics();

    /**
     * Registers a store and its restore callback. Stores register themselves in their
     * {@code init(StateStoreContext, StateStore)}; a transformer cannot register one.
     */
    void register(StateStore store, StateRestoreCallback stateRestoreCallback);

    /** The store of this name connected to the calling node (or a global store). */
    <S extends StateStore> S getStateStore(String name);

    /** Runs {@code callback} every {@code interval} of stream time or wall-clock time, as {@code type} says. */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /** Like {@link #schedule(Duration, PunctuationType, Punctuator)}, first due at {@code startTime}. */
    Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback);

    /** Sends a record to all children. */
    <K, V> void forward(K key, V value);

    /** Sends a record to the children {@code to} names, with its timestamp if it sets one. */
    <K, V> void forward(K key, V value, To to);

    /** Asks for a commit as soon as possible. */
    void commit();

    /** The topic of the record being processed; null inside a punctuation. */
    String topic();

    /** The partition of the record being processed; -1 inside a punctuation. */
    int partition();

    /** The offset of the record being processed; -1 inside a punctuation. */
    long offset();

    /** The headers of the record being processed; empty inside a punctuation. */
    Headers headers();

    /** The timestamp of the record being processed; the punctuation's time inside a punctuation. */
    long timestamp();

    Map<String, Object> appConfigs();

    /** The application configuration entries whose key starts with {@code prefix}, with the prefix stripped. */
    Map<String, Object> appConfigsWithPrefix(String prefix);

    long currentSystemTimeMs();

    long currentStreamTimeMs();
}
