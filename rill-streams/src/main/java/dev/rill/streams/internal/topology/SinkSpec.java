package dev.rill.streams.internal.topology;

import dev.rill.streams.processor.StreamPartitioner;
import dev.rill.streams.processor.TopicNameExtractor;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/** A sink node: a fixed topic or a topic extractor, optional serializers (null = default) and partitioner. */
public final class SinkSpec extends NodeSpec {
    private final TopicRef topic;
    private final TopicNameExtractor<?, ?> topicExtractor;
    private final Serializer<?> keySerializer;
    private final Serializer<?> valueSerializer;
    private final StreamPartitioner<?, ?> partitioner;

    public SinkSpec(String name, List<String> parents, TopicRef topic, TopicNameExtractor<?, ?> topicExtractor,
                    Serializer<?> keySerializer, Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner) {
        super(name, parents);
        this.topic = topic;
        this.topicExtractor = topicExtractor;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.partitioner = partitioner;
    }

    /** The fixed topic, or null when a {@link #topicExtractor()} routes records. */
    public TopicRef topic() {
        return topic;
    }

    public TopicNameExtractor<?, ?> topicExtractor() {
        return topicExtractor;
    }

    public Serializer<?> keySerializer() {
        return keySerializer;
    }

    public Serializer<?> valueSerializer() {
        return valueSerializer;
    }

    public StreamPartitioner<?, ?> partitioner() {
        return partitioner;
    }
}
