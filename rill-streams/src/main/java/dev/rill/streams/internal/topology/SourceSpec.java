package dev.rill.streams.internal.topology;

import dev.rill.streams.AutoOffsetReset;
import dev.rill.streams.processor.TimestampExtractor;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Deserializer;

/** A source node: topics read (named, or matched by a pattern), optional deserializers and timestamp extractor (null means the configured default). */
public final class SourceSpec extends NodeSpec {
    private final List<TopicRef> topics;
    private final Deserializer<?> keyDeserializer;
    private final Deserializer<?> valueDeserializer;
    private final TimestampExtractor timestampExtractor;
    private final ResetPolicy resetPolicy;
    private final Pattern pattern;

    public SourceSpec(String name, List<TopicRef> topics, Deserializer<?> keyDeserializer,
                      Deserializer<?> valueDeserializer, TimestampExtractor timestampExtractor) {
        this(name, topics, keyDeserializer, valueDeserializer, timestampExtractor, null);
    }

    /** @param resetPolicy where to start without a committed offset; null follows the consumer's auto.offset.reset */
    public SourceSpec(String name, List<TopicRef> topics, Deserializer<?> keyDeserializer,
                      Deserializer<?> valueDeserializer, TimestampExtractor timestampExtractor,
                      AutoOffsetReset resetPolicy) {
        this(name, topics, null, keyDeserializer, valueDeserializer, timestampExtractor, resetPolicy);
    }

    /**
     * A source reading every topic whose whole name matches {@code pattern}, as they are found in the cluster's
     * metadata (also topics created after start).
     */
    public static SourceSpec ofPattern(String name, Pattern pattern, Deserializer<?> keyDeserializer,
                                       Deserializer<?> valueDeserializer, TimestampExtractor timestampExtractor,
                                       AutoOffsetReset resetPolicy) {
        return new SourceSpec(name, List.of(), java.util.Objects.requireNonNull(pattern, "topicPattern"),
                keyDeserializer, valueDeserializer, timestampExtractor, resetPolicy);
    }

    private SourceSpec(String name, List<TopicRef> topics, Pattern pattern, Deserializer<?> keyDeserializer,
                       Deserializer<?> valueDeserializer, TimestampExtractor timestampExtractor,
                       AutoOffsetReset resetPolicy) {
        super(name, List.of());
        this.pattern = pattern;
        this.resetPolicy = resetPolicy == null ? null : new ResetPolicy(resetPolicy);
        this.topics = List.copyOf(topics);
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
        this.timestampExtractor = timestampExtractor;
    }

    /** The topics named by a topic source; empty for a pattern source (see {@link #pattern()}). */
    public List<TopicRef> topics() {
        return topics;
    }

    /** The pattern of a pattern source, or null for a source of named topics. */
    public Pattern pattern() {
        return pattern;
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

    /** The source's own reset policy, or null to follow the consumer's {@code auto.offset.reset}. */
    public ResetPolicy resetPolicy() {
        return resetPolicy;
    }
}
