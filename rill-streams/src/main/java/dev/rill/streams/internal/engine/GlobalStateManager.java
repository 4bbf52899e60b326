package dev.rill.streams.internal.engine;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.state.CacheBudget;
import dev.rill.streams.internal.state.InternalStoreContext;
import dev.rill.streams.internal.topology.GlobalStoreSpec;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.SimpleHeaders;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The global stores of an instance (for GlobalKTables): opened under {@code <state.dir>/<application.id>/global},
 * emptied at start and filled from their source topics; shared read-only by every task, written by one thread.
 */
public final class GlobalStateManager implements InternalStoreContext {
    private final StreamsConfig config;
    private final Map<String, GlobalStoreSpec> specs;
    private final Map<String, StateStore> stores = new LinkedHashMap<>();
    private final Map<String, String> storeOfTopic = new LinkedHashMap<>();
    private final File dir;
    private final Map<String, Processor<Object, Object, Void, Void>> processors = new LinkedHashMap<>();
    private final GlobalProcessorContext processorContext;
    private final dev.rill.streams.StreamsMetrics streamsMetrics;
    private long timestamp;

    public GlobalStateManager(StreamsConfig config, Map<String, GlobalStoreSpec> specs) {
        this(config, specs, new TaskMetrics().streamsMetrics());
    }

    /** @param streamsMetrics the registry view global processors and stores add their sensors to */
    public GlobalStateManager(StreamsConfig config, Map<String, GlobalStoreSpec> specs,
                              dev.rill.streams.StreamsMetrics streamsMetrics) {
        this.config = config;
        this.specs = specs;
        this.streamsMetrics = streamsMetrics;
        this.dir = new File(new File(config.stateDir(), config.applicationId()), "global");
        this.processorContext = new GlobalProcessorContext(config, stores, dir, streamsMetrics);
    }

    /** Opens every global store, empty. */
    public void open() {
        deleteRecursively(dir);
        specs.forEach((name, spec) -> {
            StateStore s = spec.storeBuilder().build();
            s.init(this, s);
            stores.put(name, s);
            storeOfTopic.put(spec.topic(), name);
            initDeserializers(spec);
        });
        // processors start once every global store is open: one may use several
        specs.forEach((name, spec) -> {
            if (spec.processor() != null) {
                Processor<Object, Object, Void, Void> p = newProcessor(name, spec);
                p.init(processorContext);
                processors.put(name, p);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Processor<Object, Object, Void, Void> newProcessor(String store, GlobalStoreSpec spec) {
        Processor<?, ?, Void, Void> p = spec.processor().get();
        if (p == null) {
            throw new StreamsException("The ProcessorSupplier of global store " + store + " returned null; it must "
                    + "return a new Processor on every call.");
        }
        return (Processor<Object, Object, Void, Void>) p;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void initDeserializers(GlobalStoreSpec spec) {
        // the spec's deserializers may be null: the defaults are used then (resolved in apply)
    }

    public Map<String, StateStore> stores() {
        return stores;
    }

    /** The global source topics. */
    public java.util.Set<String> topics() {
        return storeOfTopic.keySet();
    }

    /** Applies one record of a global source topic to its store (a null value deletes the key). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void apply(ConsumerRecord<byte[], byte[]> r) {
        String name = storeOfTopic.get(r.topic());
        GlobalStoreSpec spec = specs.get(name);
        Processor<Object, Object, Void, Void> processor = processors.get(name);
        if (processor != null) {
            process(processor, spec, r);
            return;
        }
        Object key = deserializer(spec.keyDeserializer(), true).deserialize(r.topic(), r.headers(), r.key());
        if (key == null) {
            return;
        }
        Object value = r.value() == null ? null
                : deserializer(spec.valueDeserializer(), false).deserialize(r.topic(), r.headers(), r.value());
        timestamp = r.timestamp();
        ((KeyValueStore) stores.get(name)).put(key, ValueAndTimestamp.make(value, r.timestamp()));
    }

    /** Hands a record to the global store's processor, which updates the store as it sees fit. */
    private void process(Processor<Object, Object, Void, Void> processor, GlobalStoreSpec spec,
                         ConsumerRecord<byte[], byte[]> r) {
        Object key = deserializer(spec.keyDeserializer(), true).deserialize(r.topic(), r.headers(), r.key());
        Object value = deserializer(spec.valueDeserializer(), false).deserialize(r.topic(), r.headers(), r.value());
        // Kafka Streams 4.3.1 hands a global store's processor the record's own timestamp; the extractor given to
        // addGlobalStore is not applied there (GlobalStoreDifferentialTest checks this), so neither is it here
        long ts = r.timestamp();
        timestamp = ts;
        processorContext.setRecord(r.topic(), r.partition(), r.offset(), ts);
        processor.process(new Record<>(key, value, ts, new SimpleHeaders(r.headers())));
    }

    private final Map<Boolean, org.apache.kafka.common.serialization.Deserializer<?>> defaults = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    private org.apache.kafka.common.serialization.Deserializer<Object> deserializer(
            org.apache.kafka.common.serialization.Deserializer<?> given, boolean key) {
        if (given != null) {
            return (org.apache.kafka.common.serialization.Deserializer<Object>) given;
        }
        return (org.apache.kafka.common.serialization.Deserializer<Object>) defaults.computeIfAbsent(key, k -> {
            Serde<?> s = k ? config.defaultKeySerde() : config.defaultValueSerde();
            if (s == null) {
                throw new StreamsException("A GlobalKTable has no " + (k ? "key" : "value") + " serde: none was given "
                        + "(Consumed.with) and default." + (k ? "key" : "value") + ".serde is not set.");
            }
            return s.deserializer();
        });
    }

    public void close() {
        processors.values().forEach(Processor::close);
        processors.clear();
        stores.values().forEach(StateStore::close);
        stores.clear();
    }

    private static void deleteRecursively(File d) {
        if (!d.exists()) {
            return;
        }
        try (Stream<java.nio.file.Path> walk = Files.walk(d.toPath())) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new StreamsException("Cannot clear the global state directory " + d + ": " + e, e);
        }
    }

    // ---- InternalStoreContext (global stores write no changelog and have no cache)

    @Override
    public void logChange(String storeName, byte[] key, byte[] value, long ts) {
        throw new IllegalStateException("global store " + storeName + " has no changelog");
    }

    @Override
    public java.util.Optional<dev.rill.streams.processor.api.RecordMetadata> recordMetadata() {
        return processorContext.recordMetadata();
    }

    @Override
    public dev.rill.streams.StreamsMetrics metrics() {
        return streamsMetrics;
    }

    @Override
    public boolean loggingEnabled(String storeName) {
        return false;
    }

    @Override
    public long recordTimestamp() {
        return timestamp;
    }

    @Override
    public CacheBudget cacheBudget() {
        return new CacheBudget(0);
    }

    @Override
    public Serde<?> defaultKeySerde() {
        return config.defaultKeySerde();
    }

    @Override
    public Serde<?> defaultValueSerde() {
        return config.defaultValueSerde();
    }

    @Override
    public String applicationId() {
        return config.applicationId();
    }

    @Override
    public TaskId taskId() {
        return new TaskId(-1, -1);
    }

    @Override
    public File stateDir() {
        return dir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return config.originals();
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        // global stores are filled from their source topic by the global thread, not restored from a changelog
    }
}
