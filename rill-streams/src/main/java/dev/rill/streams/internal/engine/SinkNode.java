package dev.rill.streams.internal.engine;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.StreamPartitioner;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.Record;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Serializes records and hands them to the task's {@link RecordCollector}. */
final class SinkNode extends Node {
    private final String fixedTopic;
    private final TopicNameExtractor<Object, Object> extractor;
    private final Serializer<Object> configuredKeySerializer;
    private final Serializer<Object> configuredValueSerializer;
    private final StreamPartitioner<Object, Object> partitioner;
    private Serializer<Object> keySerializer;
    private Serializer<Object> valueSerializer;
    private TaskContext task;

    @SuppressWarnings("unchecked")
    SinkNode(String name, String fixedTopic, TopicNameExtractor<?, ?> extractor, Serializer<?> keySerializer,
             Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner) {
        super(name);
        this.fixedTopic = fixedTopic;
        this.extractor = (TopicNameExtractor<Object, Object>) extractor;
        this.configuredKeySerializer = (Serializer<Object>) keySerializer;
        this.configuredValueSerializer = (Serializer<Object>) valueSerializer;
        this.partitioner = (StreamPartitioner<Object, Object>) partitioner;
    }

    @Override
    @SuppressWarnings("unchecked")
    void init(TaskContext context) {
        this.task = context;
        keySerializer = configuredKeySerializer != null ? configuredKeySerializer
                : (Serializer<Object>) context.defaultKeySerde().orElseThrow(() -> missing("key")).serializer();
        if (configuredValueSerializer instanceof dev.rill.streams.internal.serde.DefaultSerdeAware d) {
            d.useDefaultValueSerde(context.defaultValueSerde().orElse(null));
        }
        valueSerializer = configuredValueSerializer != null ? configuredValueSerializer
                : (Serializer<Object>) context.defaultValueSerde().orElseThrow(() -> missing("value")).serializer();
    }

    private StreamsException missing(String what) {
        return new StreamsException("Sink " + name + " has no " + what + " serializer: none was given (Produced.with / "
                + "addSink) and default." + what + ".serde is not set. Give one of them.");
    }

    @Override
    void process(Record<Object, Object> record) {
        String topic = fixedTopic != null ? fixedTopic : extractor.extract(record.key(), record.value(),
                task.recordContext());
        if (topic == null || topic.isEmpty()) {
            throw new StreamsException("The topic name extractor of sink " + name + " returned '" + topic
                    + "' for key " + record.key() + "; it must return an existing topic name.");
        }
        // safe to share: a ProducerRecord copies the headers it is given, so ours stay writable for other branches
        Headers headers = record.headers();
        byte[] key;
        byte[] value;
        try {
            key = keySerializer.serialize(topic, headers, record.key());
            value = valueSerializer.serialize(topic, headers, record.value());
        } catch (RuntimeException e) {
            task.onSerializationError(name, new ProducerRecord<>(topic, null, record.timestamp(), record.key(),
                    record.value(), headers), e);
            return;
        }
        Integer partition = null;
        if (partitioner != null) {
            partition = partitioner.partition(topic, record.key(), record.value(), task.partitionCount(topic));
        }
        task.send(topic, partition, record.timestamp(), key, value, headers, name);
    }
}
