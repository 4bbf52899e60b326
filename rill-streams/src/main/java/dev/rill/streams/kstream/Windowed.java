package dev.rill.streams.kstream;

import java.util.Objects;

/** The key of a windowed aggregate: the record key and the window the aggregate covers. */
public class Windowed<K> {
    private final K key;
    private final Window window;

    public Windowed(K key, Window window) {
        this.key = key;
        this.window = window;
    }

    public K key() {
        return key;
    }

    public Window window() {
        return window;
    }

    /** {@code [key@start/end]}. */
    @Override
    public String toString() {
        return "[" + key + "@" + window.start() + "/" + window.end() + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Windowed<?> w)) {
            return false;
        }
        return Objects.equals(key, w.key) && Objects.equals(window, w.window);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(key) * 31 + Objects.hashCode(window);
    }
}
