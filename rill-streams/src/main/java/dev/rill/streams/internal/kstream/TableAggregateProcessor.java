package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;

/** Aggregation of a re-grouped table: subtracts the old value, adds the new one. */
final class TableAggregateProcessor<K, V, VA> implements Processor<K, Change<V>, K, Change<VA>> {
    private final String storeName;
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> adder;
    private final Aggregator<? super K, ? super V, VA> subtractor;
    private TimestampedKeyValueStore<K, VA> store;
    private TableForwarder<K, VA> forwarder;

    TableAggregateProcessor(String storeName, Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> adder,
                            Aggregator<? super K, ? super V, VA> subtractor) {
        this.storeName = storeName;
        this.initializer = initializer;
        this.adder = adder;
        this.subtractor = subtractor;
    }

    @Override
    public void init(ProcessorContext<K, Change<VA>> context) {
        store = context.getStateStore(storeName);
        forwarder = new TableForwarder<>(store, context);
    }

    @Override
    public void process(Record<K, Change<V>> record) {
        if (record.key() == null) {
            return;
        }
        ValueAndTimestamp<VA> old = store.get(record.key());
        VA oldAgg = ValueAndTimestamp.getValueOrNull(old);
        VA agg = oldAgg;
        if (record.value().oldValue() != null && agg != null) {
            agg = subtractor.apply(record.key(), record.value().oldValue(), agg);
        }
        if (record.value().newValue() != null) {
            agg = adder.apply(record.key(), record.value().newValue(), agg == null ? initializer.apply() : agg);
        }
        long ts = old == null ? record.timestamp() : Math.max(old.timestamp(), record.timestamp());
        forwarder.write(record, record.key(), agg, oldAgg, ts);
    }
}
