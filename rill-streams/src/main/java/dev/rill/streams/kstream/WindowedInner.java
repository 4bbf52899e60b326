package dev.rill.streams.kstream;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

/** Resolves the inner serde of a windowed serializer or deserializer from its configs, as Kafka Streams' do. */
final class WindowedInner {
    private WindowedInner() {
    }

    /**
     * The serde named by {@code configs.get(key)} (a {@code Serde} class or class name), or null when the key is not
     * set.
     *
     * @throws ConfigException if the value names no loadable {@code Serde} class with a no-argument constructor
     */
    static Serde<?> serde(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return null;
        }
        try {
            Class<?> c = value instanceof Class<?> k ? k
                    : Class.forName(value.toString().trim(), true, Thread.currentThread().getContextClassLoader());
            if (!Serde.class.isAssignableFrom(c)) {
                throw new ConfigException(key, value, "expected the class name of a Serde, e.g. "
                        + "org.apache.kafka.common.serialization.Serdes$StringSerde");
            }
            return (Serde<?>) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConfigException(key, value, "cannot create the serde: " + e);
        }
    }

    static ConfigException missing(String what, String key) {
        return new ConfigException("The inner " + what + " of a windowed " + what + " is not set: pass it to the "
                + "constructor or set " + key + " to a Serde class name.");
    }
}
