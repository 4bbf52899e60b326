package dev.rill.streams.test;

import dev.rill.streams.KeyValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Pipes records into one input topic of a {@link TopologyTestDriver}. Each record is processed completely (including
 * through repartition topics) before the pipe call returns. Records without a timestamp get the topic's current time,
 * which then advances by the auto-advance duration. Records go to the partition of their key's murmur2 hash (as
 * Kafka's producer does; null keys round-robin) unless {@code pipeInputToPartition} names one.
 */
public class TestInputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Duration autoAdvance;
    private Instant currentTime;

    TestInputTopic(TopologyTestDriver driver, String topic, Serializer<K> keySerializer,
                   Serializer<V> valueSerializer, Instant startTime, Duration autoAdvance) {
        this.driver = driver;
        this.topic = Objects.requireNonNull(topic, "topic");
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
        this.currentTime = Objects.requireNonNull(startTime, "startTime");
        if (autoAdvance.isNegative()) {
            throw new IllegalArgumentException("autoAdvance must not be negative but was " + autoAdvance);
        }
        this.autoAdvance = autoAdvance;
    }

    /** Moves this topic's current time forward. */
    public void advanceTime(Duration advance) {
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance must not be negative but was " + advance);
        }
        currentTime = currentTime.plus(advance);
    }

    public void pipeInput(TestRecord<K, V> record) {
        pipe(null, record);
    }

    /** Pipes into a chosen partition, in {@code [0, partitions)}. */
    public void pipeInputToPartition(int partition, TestRecord<K, V> record) {
        pipe(partition, record);
    }

    public void pipeInputToPartition(int partition, K key, V value) {
        pipe(partition, new TestRecord<>(key, value));
    }

    public void pipeInputToPartition(int partition, K key, V value, long timestampMs) {
        pipe(partition, new TestRecord<>(key, value, null, timestampMs));
    }

    public void pipeInput(V value) {
        pipeInput(new TestRecord<>(value));
    }

    public void pipeInput(K key, V value) {
        pipeInput(new TestRecord<>(key, value));
    }

    public void pipeInput(V value, Instant timestamp) {
        pipeInput(new TestRecord<>(null, value, timestamp));
    }

    public void pipeInput(K key, V value, long timestampMs) {
        pipeInput(new TestRecord<>(key, value, null, timestampMs));
    }

    public void pipeInput(K key, V value, Instant timestamp) {
        pipeInput(new TestRecord<>(key, value, timestamp));
    }

    public void pipeRecordList(List<? extends TestRecord<K, V>> records) {
        records.forEach(this::pipeInput);
    }

    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues) {
        keyValues.forEach(kv -> pipeInput(kv.key, kv.value));
    }

    public void pipeValueList(List<V> values) {
        values.forEach(this::pipeInput);
    }

    /** Pipes values without keys, the first at {@code startTimestamp}, each next one {@code advance} later. */
    public void pipeValueList(List<V> values, Instant startTimestamp, Duration advance) {
        Instant t = startTimestamp;
        for (V value : values) {
            pipeInput(value, t);
            t = t.plus(advance);
        }
    }

    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues, Instant startTimestamp, Duration advance) {
        Instant t = startTimestamp;
        for (KeyValue<K, V> kv : keyValues) {
            pipeInput(kv.key, kv.value, t);
            t = t.plus(advance);
        }
    }

    private void pipe(Integer partition, TestRecord<K, V> record) {
        long ts;
        if (record.getRecordTime() != null) {
            ts = record.timestamp();
        } else {
            ts = currentTime.toEpochMilli();
            currentTime = currentTime.plus(autoAdvance);
        }
        byte[] key = keySerializer.serialize(topic, record.headers(), record.key());
        byte[] value = valueSerializer.serialize(topic, record.headers(), record.value());
        driver.pipeRaw(topic, partition, key, value, record.headers(), ts);
    }

    @Override
    public String toString() {
        return "TestInputTopic[topic=" + topic + ", currentTime=" + currentTime + "]";
    }
}
