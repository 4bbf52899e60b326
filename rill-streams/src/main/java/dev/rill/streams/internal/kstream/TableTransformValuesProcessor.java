package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.ValueTransformerWithKey;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;

/**
 * KTable transformValues: calls the transformer with each update's new value (null for a deletion too, as Kafka
 * Streams does). Without a result store it calls it on the old value as well, but only when a downstream operator
 * asked for old values. With a result store (a {@code Materialized} was given) it writes the new value there and
 * takes the old value from it, forwarding through the store's cache like a table source.
 */
final class TableTransformValuesProcessor<K, V, VR> extends DslProcessor<K, Change<V>, K, Change<VR>> {
    private final ValueTransformerWithKey<? super K, ? super V, ? extends VR> transformer;
    private final boolean sendOldValues;
    private final String nodeName;
    private final String resultStore;
    private ValueTransformerContext transformerContext;
    private TimestampedKeyValueStore<K, VR> store;
    private TableForwarder<K, VR> forwarder;

    TableTransformValuesProcessor(ValueTransformerWithKey<? super K, ? super V, ? extends VR> transformer,
                                  boolean sendOldValues, String nodeName, String resultStore) {
        this.transformer = java.util.Objects.requireNonNull(transformer,
                "the ValueTransformerWithKeySupplier of " + nodeName + " returned null");
        this.sendOldValues = sendOldValues;
        this.nodeName = nodeName;
        this.resultStore = resultStore;
    }

    @Override
    public void init(ProcessorContext<K, Change<VR>> context) {
        super.init(context);
        if (resultStore != null) {
            store = context.getStateStore(resultStore);
            forwarder = new TableForwarder<>(store, context);
        }
        transformerContext = new ValueTransformerContext(context, nodeName);
        transformer.init(transformerContext);
    }

    @Override
    public void process(Record<K, Change<V>> record) {
        Record<?, ?> saved = transformerContext.enter(record);
        try {
            K key = record.key();
            VR newValue = transformer.transform(key, record.value().newValue());
            if (store != null) {
                VR oldValue = ValueAndTimestamp.getValueOrNull(store.get(key));
                forwarder.write(record, key, newValue, oldValue, record.timestamp());
                return;
            }
            VR oldValue = sendOldValues ? transformer.transform(key, record.value().oldValue()) : null;
            context.forward(record.withValue(new Change<>(newValue, oldValue)));
        } finally {
            transformerContext.leave(saved);
        }
    }

    @Override
    public void close() {
        transformer.close();
    }
}
