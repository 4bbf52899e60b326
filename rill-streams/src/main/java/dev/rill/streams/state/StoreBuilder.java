package dev.rill.streams.state;

import dev.rill.streams.processor.StateStore;
import java.util.Map;

/**
 * Builds one store instance per task. Logging (a changelog topic {@code <application.id>-<name>-changelog}) is on by
 * default, caching off; change them before adding the builder to a topology.
 */
public interface StoreBuilder<T extends StateStore> {
    StoreBuilder<T> withCachingEnabled();

    StoreBuilder<T> withCachingDisabled();

    /** Turns on the changelog, with extra topic configs (e.g. {@code min.compaction.lag.ms}). */
    StoreBuilder<T> withLoggingEnabled(Map<String, String> config);

    StoreBuilder<T> withLoggingDisabled();

    /** A new store instance. */
    T build();

    Map<String, String> logConfig();

    boolean loggingEnabled();

    String name();
}
