package dev.rill.streams.kstream;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes of windowed keys in Kafka Streams' byte layout, e.g. to read the output of a windowed aggregation.
 *
 * <pre>{@code
 * Serde<Windowed<String>> keys = WindowedSerdes.timeWindowedSerdeFrom(String.class, Duration.ofMinutes(5).toMillis());
 * }</pre>
 */
public class WindowedSerdes {

    /** Keys of time windows: inner key, then the 8-byte window start. */
    public static class TimeWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {
        /** A serde configured through {@code windowed.inner.*} and {@code window.size.ms}. */
        public TimeWindowedSerde() {
            super(new TimeWindowedSerializer<>(), new TimeWindowedDeserializer<>());
        }

        public TimeWindowedSerde(Serde<T> inner, long windowSize) {
            super(new TimeWindowedSerializer<>(Objects.requireNonNull(inner, "inner serde cannot be null")
                    .serializer()), new TimeWindowedDeserializer<>(inner.deserializer(), windowSize));
        }

        /** Whether the deserializer reads window store changelog keys (with a 4-byte sequence number). */
        public TimeWindowedSerde<T> forChangelog(boolean isChangelogTopic) {
            ((TimeWindowedDeserializer<T>) deserializer()).setIsChangelogTopic(isChangelogTopic);
            return this;
        }
    }

    /** Keys of session windows: inner key, then the 8-byte end and the 8-byte start. */
    public static class SessionWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {
        /** A serde configured through {@code windowed.inner.*}. */
        public SessionWindowedSerde() {
            super(new SessionWindowedSerializer<>(), new SessionWindowedDeserializer<>());
        }

        public SessionWindowedSerde(Serde<T> inner) {
            super(new SessionWindowedSerializer<>(Objects.requireNonNull(inner, "inner serde cannot be null")
                    .serializer()), new SessionWindowedDeserializer<>(inner.deserializer()));
        }
    }

    /** A time-windowed serde over the built-in serde of {@code type} (as {@code Serdes.serdeFrom(type)}). */
    public static <T> Serde<Windowed<T>> timeWindowedSerdeFrom(Class<T> type, long windowSize) {
        return new TimeWindowedSerde<>(Serdes.serdeFrom(type), windowSize);
    }

    /** A session-windowed serde over the built-in serde of {@code type}. */
    public static <T> Serde<Windowed<T>> sessionWindowedSerdeFrom(Class<T> type) {
        return new SessionWindowedSerde<>(Serdes.serdeFrom(type));
    }
}
