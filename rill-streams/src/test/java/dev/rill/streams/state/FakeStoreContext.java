package dev.rill.streams.state;

import dev.rill.streams.internal.state.CacheBudget;
import dev.rill.streams.internal.state.InternalStoreContext;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A hand-written store context that records changelog writes and restore registrations. */
final class FakeStoreContext implements InternalStoreContext {
    final File dir;
    final List<byte[][]> changelog = new ArrayList<>();
    final Map<String, StateRestoreCallback> registered = new HashMap<>();
    /** The stores that registered themselves (the innermost byte stores), by name. */
    final Map<String, StateStore> registeredStores = new HashMap<>();
    final CacheBudget budget;
    /** The application's configuration the stores see (empty unless a test puts something in). */
    final Map<String, Object> appConfigs = new HashMap<>();
    long timestamp = 42;

    FakeStoreContext(File dir, long cacheBytes) {
        this.dir = dir;
        this.budget = new CacheBudget(cacheBytes);
    }

    @Override
    public void logChange(String storeName, byte[] key, byte[] value, long ts) {
        changelog.add(new byte[][] {key, value});
    }

    @Override
    public boolean loggingEnabled(String storeName) {
        return true;
    }

    @Override
    public long recordTimestamp() {
        return timestamp;
    }

    @Override
    public CacheBudget cacheBudget() {
        return budget;
    }

    @Override
    public Serde<?> defaultKeySerde() {
        return Serdes.String();
    }

    @Override
    public Serde<?> defaultValueSerde() {
        return Serdes.Long();
    }

    @Override
    public String applicationId() {
        return "store-test";
    }

    @Override
    public TaskId taskId() {
        return new TaskId(0, 0);
    }

    @Override
    public File stateDir() {
        return dir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return appConfigs;
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        registered.put(store.name(), restoreCallback);
        registeredStores.put(store.name(), store);
    }

    @Override
    public dev.rill.streams.StreamsMetrics metrics() {
        return metrics;
    }

    private final dev.rill.streams.StreamsMetrics metrics =
            new dev.rill.streams.internal.metrics.StreamsMetricsImpl(new org.apache.kafka.common.metrics.Metrics());
}
