package dev.rill.streams.internal.kstream;

import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;

/**
 * Keeps the latest value per key in a store and forwards the change: the source of {@code builder.table()},
 * {@code toTable()}, and materialized results of table operators. Input values are plain (from a topic) or
 * {@link Change}s (from an upstream table operator).
 */
final class TableMaterializeProcessor<K, V> implements Processor<K, Object, K, Change<V>> {
    private final String storeName;
    private final boolean inputIsChange;
    private TimestampedKeyValueStore<K, V> store;
    private TableForwarder<K, V> forwarder;

    TableMaterializeProcessor(String storeName, boolean inputIsChange) {
        this.storeName = storeName;
        this.inputIsChange = inputIsChange;
    }

    @Override
    public void init(ProcessorContext<K, Change<V>> context) {
        store = context.getStateStore(storeName);
        forwarder = new TableForwarder<>(store, context);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Record<K, Object> record) {
        if (record.key() == null) {
            return;
        }
        V value = inputIsChange ? ((Change<V>) record.value()).newValue() : (V) record.value();
        ValueAndTimestamp<V> old = store.get(record.key());
        V oldValue = ValueAndTimestamp.getValueOrNull(old);
        forwarder.write(record, record.key(), value, oldValue, record.timestamp());
    }
}
