package dev.rill.connect.internal.runtime;

import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

/** The key, value and header converters of one task. */
public record Converters(Converter key, Converter value, HeaderConverter header) implements AutoCloseable {
    @Override
    public void close() {
        for (Object c : new Object[] {key, value, header}) {
            if (c instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
    }
}
