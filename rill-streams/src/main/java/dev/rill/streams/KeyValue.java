package dev.rill.streams;

import java.util.Objects;

/**
 * An immutable key-value pair, as returned by {@code map} and {@code flatMap} mappers.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class KeyValue<K, V> {
    /** The key. */
    public final K key;
    /** The value. */
    public final V value;

    /** Creates a pair; prefer {@link #pair(Object, Object)}. */
    public KeyValue(K key, V value) {
        this.key = key;
        this.value = value;
    }

    /** Creates a pair. */
    public static <K, V> KeyValue<K, V> pair(K key, V value) {
        return new KeyValue<>(key, value);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KeyValue<?, ?> other)) {
            return false;
        }
        return Objects.equals(key, other.key) && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value);
    }

    @Override
    public String toString() {
        return "KeyValue(" + key + ", " + value + ")";
    }
}
