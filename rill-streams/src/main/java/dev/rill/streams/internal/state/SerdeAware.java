package dev.rill.streams.internal.state;

import org.apache.kafka.common.serialization.Serde;

/**
 * A typed store that knows the serdes it turns keys and values into bytes with: the ones it was built with, or the
 * application defaults once {@code init} has run. The query server parses and routes keys with {@link #keySerde()}.
 */
public interface SerdeAware {
    /** The key serde in use; null before {@code init} when none was given. */
    Serde<?> keySerde();

    /** The value serde in use (the plain value's, not a timestamp wrapper's); null before {@code init} when none was given. */
    Serde<?> valueSerde();
}
