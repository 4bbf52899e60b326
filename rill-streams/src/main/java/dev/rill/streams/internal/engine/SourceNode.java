package dev.rill.streams.internal.engine;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.FailOnInvalidTimestamp;
import dev.rill.streams.processor.LogAndSkipOnInvalidTimestamp;
import dev.rill.streams.processor.TimestampExtractor;
import dev.rill.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import dev.rill.streams.processor.api.Record;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** Turns raw input records into typed, timestamped records and forwards them. */
final class SourceNode extends Node {
    private final Deserializer<?> configuredKeyDeserializer;
    private final Deserializer<?> configuredValueDeserializer;
    private final TimestampExtractor configuredExtractor;
    private Deserializer<?> keyDeserializer;
    private Deserializer<?> valueDeserializer;
    private TimestampExtractor extractor;
    private boolean extractorReadsRawTimestampOnly;

    SourceNode(String name, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
               TimestampExtractor extractor) {
        super(name);
        this.configuredKeyDeserializer = keyDeserializer;
        this.configuredValueDeserializer = valueDeserializer;
        this.configuredExtractor = extractor;
    }

    @Override
    void init(TaskContext context) {
        keyDeserializer = configuredKeyDeserializer != null ? configuredKeyDeserializer
                : require(context.defaultKeySerde(), "key").deserializer();
        if (configuredValueDeserializer instanceof dev.rill.streams.internal.serde.DefaultSerdeAware d) {
            d.useDefaultValueSerde(context.defaultValueSerde().orElse(null));
        }
        valueDeserializer = configuredValueDeserializer != null ? configuredValueDeserializer
                : require(context.defaultValueSerde(), "value").deserializer();
        extractor = configuredExtractor != null ? configuredExtractor : context.defaultTimestampExtractor();
        Class<?> c = extractor.getClass();
        extractorReadsRawTimestampOnly = c == FailOnInvalidTimestamp.class || c == LogAndSkipOnInvalidTimestamp.class
                || c == UsePartitionTimeOnInvalidTimestamp.class;
    }

    private org.apache.kafka.common.serialization.Serde<?> require(
            Optional<org.apache.kafka.common.serialization.Serde<?>> serde, String what) {
        return serde.orElseThrow(() -> new StreamsException("Source " + name + " has no " + what + " deserializer: "
                + "none was given (Consumed.with / addSource) and default." + what + ".serde is not set. Give one of them."));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    StampedRecord stamp(ConsumerRecord<byte[], byte[]> raw, long partitionTime) {
        Object key;
        Object value;
        try {
            key = keyDeserializer.deserialize(raw.topic(), raw.headers(), raw.key());
            value = valueDeserializer.deserialize(raw.topic(), raw.headers(), raw.value());
        } catch (RuntimeException e) {
            return new StampedRecord(raw, null, null, raw.timestamp(), e);
        }
        long ts;
        if (extractorReadsRawTimestampOnly) {
            ts = extractor.extract((ConsumerRecord) raw, partitionTime);
        } else {
            ConsumerRecord<Object, Object> typed = new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(),
                    raw.timestamp(), raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), key, value,
                    raw.headers(), raw.leaderEpoch());
            ts = extractor.extract(typed, partitionTime);
        }
        return new StampedRecord(raw, key, value, ts, null);
    }

    @Override
    void process(Record<Object, Object> record) {
        forward(record);
    }
}
