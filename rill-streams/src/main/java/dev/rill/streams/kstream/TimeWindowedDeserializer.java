package dev.rill.streams.kstream;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Deserializes a key of a time window written by {@link TimeWindowedSerializer} (or, with
 * {@link #setIsChangelogTopic}, a window store changelog key, which also ends in a 4-byte sequence number); the window
 * end is the start plus the window size, capped at {@code Long.MAX_VALUE}.
 */
public class TimeWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    /** Config of the window size in ms, when the constructor is not given one. */
    public static final String WINDOW_SIZE_MS_CONFIG = "window.size.ms";
    /** Config of the inner serde's class, when the no-argument constructor is used. */
    public static final String WINDOWED_INNER_DESERIALIZER_CLASS = "windowed.inner.deserializer.class";

    private Deserializer<T> inner;
    private Long windowSize;
    private boolean isChangelogTopic;

    /** A deserializer whose inner one and window size come from its configs at {@link #configure}. */
    public TimeWindowedDeserializer() {
    }

    public TimeWindowedDeserializer(Deserializer<T> inner, Long windowSize) {
        this.inner = inner;
        this.windowSize = windowSize;
    }

    public Long getWindowSize() {
        return windowSize;
    }

    /** Whether the bytes are window store changelog keys (with a sequence number). */
    public void setIsChangelogTopic(boolean isChangelogTopic) {
        this.isChangelogTopic = isChangelogTopic;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object size = configs.get(WINDOW_SIZE_MS_CONFIG);
        if (size != null) {
            long configured;
            try {
                configured = Long.parseLong(size.toString().trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(WINDOW_SIZE_MS_CONFIG, size, "expected a number of milliseconds");
            }
            if (windowSize != null && windowSize != configured) {
                throw new IllegalArgumentException("The window size of TimeWindowedDeserializer was given to the "
                        + "constructor (" + windowSize + ") and in " + WINDOW_SIZE_MS_CONFIG + " (" + configured
                        + "): give it once");
            }
            windowSize = configured;
        }
        if (windowSize == null) {
            throw new ConfigException("The window size of TimeWindowedDeserializer is not set: pass it to the "
                    + "constructor or set " + WINDOW_SIZE_MS_CONFIG + ".");
        }
        Serde<?> configured = WindowedInner.serde(configs, WINDOWED_INNER_DESERIALIZER_CLASS);
        if (configured != null) {
            if (inner != null) {
                throw new IllegalArgumentException("The inner deserializer of TimeWindowedDeserializer was given to "
                        + "the constructor and in " + WINDOWED_INNER_DESERIALIZER_CLASS + ": give it once");
            }
            inner = (Deserializer<T>) configured.deserializer();
        }
        if (inner == null) {
            throw WindowedInner.missing("deserializer", WINDOWED_INNER_DESERIALIZER_CLASS);
        }
        inner.configure(configs, isKey);
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        if (inner == null || windowSize == null) {
            throw WindowedInner.missing("deserializer", WINDOWED_INNER_DESERIALIZER_CLASS);
        }
        int suffix = isChangelogTopic ? 12 : 8;
        if (data.length < suffix) {
            throw new org.apache.kafka.common.errors.SerializationException("A time-windowed key has at least "
                    + suffix + " bytes but this one has " + data.length + "; check that the topic holds windowed keys");
        }
        T key = inner.deserialize(topic, Arrays.copyOf(data, data.length - suffix));
        long start = ByteBuffer.wrap(data).getLong(data.length - suffix);
        long end = start + windowSize;
        return new Windowed<>(key, new TimeWindow(start, end < 0 ? Long.MAX_VALUE : end));
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }
}
