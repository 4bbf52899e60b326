package dev.rill.streams.test;

import dev.rill.streams.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads (and consumes) what a topology wrote to one topic, in the order it was written, all partitions together. */
public class TestOutputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;

    TestOutputTopic(TopologyTestDriver driver, String topic, Deserializer<K> keyDeserializer,
                    Deserializer<V> valueDeserializer) {
        this.driver = driver;
        this.topic = Objects.requireNonNull(topic, "topic");
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
    }

    /** Reads the next record; throws NoSuchElementException if there is none. */
    public TestRecord<K, V> readRecord() {
        TopologyTestDriver.Output out = driver.readOutput(topic);
        if (out == null) {
            throw new NoSuchElementException("No more records in output topic " + topic);
        }
        K key = keyDeserializer.deserialize(topic, out.headers(), out.key());
        V value = valueDeserializer.deserialize(topic, out.headers(), out.value());
        return new TestRecord<>(key, value, out.headers(), java.time.Instant.ofEpochMilli(out.timestamp()),
                out.partition());
    }

    public V readValue() {
        return readRecord().value();
    }

    public KeyValue<K, V> readKeyValue() {
        TestRecord<K, V> r = readRecord();
        return KeyValue.pair(r.key(), r.value());
    }

    public List<TestRecord<K, V>> readRecordsToList() {
        List<TestRecord<K, V>> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readRecord());
        }
        return out;
    }

    public List<V> readValuesToList() {
        return readRecordsToList().stream().map(TestRecord::value).toList();
    }

    public List<KeyValue<K, V>> readKeyValuesToList() {
        return readRecordsToList().stream().map(r -> KeyValue.pair(r.key(), r.value())).toList();
    }

    /** Reads all records, keeping the last value per key (a null value removes the key). */
    public Map<K, V> readKeyValuesToMap() {
        Map<K, V> out = new LinkedHashMap<>();
        for (TestRecord<K, V> r : readRecordsToList()) {
            if (r.key() == null) {
                throw new IllegalStateException("Output topic " + topic + " has a record with a null key; "
                        + "readKeyValuesToMap needs keys.");
            }
            if (r.value() == null) {
                out.remove(r.key());
            } else {
                out.put(r.key(), r.value());
            }
        }
        return out;
    }

    public long getQueueSize() {
        return driver.outputSize(topic);
    }

    public boolean isEmpty() {
        return getQueueSize() == 0;
    }

    @Override
    public String toString() {
        return "TestOutputTopic[topic=" + topic + ", size=" + getQueueSize() + "]";
    }
}
