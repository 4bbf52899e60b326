package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.ValueTransformerWithKey;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;

/**
 * KTable transformValues: calls the transformer with each update's new value (null for a deletion too, as Kafka
 * Streams does) and, only when a downstream operator asked for old values, with the old value as well. A
 * materialized result takes its old values from its store instead, so then the transformer runs once per update.
 */
final class TableTransformValuesProcessor<K, V, VR> extends DslProcessor<K, Change<V>, K, Change<VR>> {
    private final ValueTransformerWithKey<? super K, ? super V, ? extends VR> transformer;
    private final boolean sendOldValues;
    private final String nodeName;
    private ValueTransformerContext transformerContext;

    TableTransformValuesProcessor(ValueTransformerWithKey<? super K, ? super V, ? extends VR> transformer,
                                  boolean sendOldValues, String nodeName) {
        this.transformer = java.util.Objects.requireNonNull(transformer,
                "the ValueTransformerWithKeySupplier of " + nodeName + " returned null");
        this.sendOldValues = sendOldValues;
        this.nodeName = nodeName;
    }

    @Override
    public void init(ProcessorContext<K, Change<VR>> context) {
        super.init(context);
        transformerContext = new ValueTransformerContext(context, nodeName);
        transformer.init(transformerContext);
    }

    @Override
    public void process(Record<K, Change<V>> record) {
        Record<?, ?> saved = transformerContext.enter(record);
        try {
            K key = record.key();
            VR newValue = transformer.transform(key, record.value().newValue());
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
