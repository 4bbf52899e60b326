package dev.rill.streams.internal.topology;

import dev.rill.streams.processor.TimestampExtractor;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;

/** A source node: topics read, optional deserializers and timestamp extractor (null means the configured default). */
public final class SourceSpec extends NodeSpec {
    private final List<TopicRef> topics;
    private final Deserializer<?> keyDeserializer;
    private final Deserializer<?> valueDeserializer;
    private final TimestampExtractor timestampExtractor;

    public SourceSpec(String name, List<TopicRef> topics, Deserializer<?> keyDeserializer,
                      Deserializer<?> valueDeserializer, TimestampExtractor timestampExtractor) {
        super(name, List.of());
        this.topics = List.copyOf(topics);
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
        this.timestampExtractor = timestampExtractor;
    }

    public List<TopicRef> topics() {
        return topics;
    }

    public Deserializer<?> keyDeserializer() {
        return keyDeserializer;
    }

    public Deserializer<?> valueDeserializer() {
        return valueDeserializer;
    }

    public TimestampExtractor timestampExtractor() {
        return timestampExtractor;
    }
}
