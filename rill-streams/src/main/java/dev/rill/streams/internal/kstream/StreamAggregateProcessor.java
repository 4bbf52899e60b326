package dev.rill.streams.internal.kstream;

import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** count / reduce / aggregate of a grouped stream: folds each record into the key's aggregate in the store. */
final class StreamAggregateProcessor<K, V, VA> implements Processor<K, V, K, Change<VA>> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamAggregateProcessor.class);

    /** Folds a value into the previous aggregate (null when the key has none yet). */
    @FunctionalInterface
    interface Fold<K, V, VA> {
        VA apply(K key, V value, VA previous);
    }

    private final String storeName;
    private final Fold<K, V, VA> fold;
    private TimestampedKeyValueStore<K, VA> store;
    private TableForwarder<K, VA> forwarder;
    private ProcessorContext<K, Change<VA>> context;

    StreamAggregateProcessor(String storeName, Fold<K, V, VA> fold) {
        this.storeName = storeName;
        this.fold = fold;
    }

    @Override
    public void init(ProcessorContext<K, Change<VA>> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.forwarder = new TableForwarder<>(store, context);
    }

    @Override
    public void process(Record<K, V> record) {
        if (record.key() == null || record.value() == null) {
            LOG.debug("Skipping record with null key or value in aggregation into {}", storeName);
            return;
        }
        ValueAndTimestamp<VA> old = store.get(record.key());
        VA oldAgg = ValueAndTimestamp.getValueOrNull(old);
        VA newAgg = fold.apply(record.key(), record.value(), oldAgg);
        long ts = old == null ? record.timestamp() : Math.max(old.timestamp(), record.timestamp());
        forwarder.write(record, record.key(), newAgg, oldAgg, ts);
    }
}
