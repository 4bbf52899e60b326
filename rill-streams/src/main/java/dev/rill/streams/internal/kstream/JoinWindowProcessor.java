package dev.rill.streams.internal.kstream;

import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.WindowStore;

/**
 * One side's window of a stream-stream join: passes each record on to the side's join processor first, then keeps
 * it in the side's window store for the other side to find. Records with a null key never join, so they are not
 * kept; neither are null values (the store keeps duplicates, where a null would mean nothing).
 */
final class JoinWindowProcessor<K, V> extends DslProcessor<K, V, K, V> {
    private final String storeName;
    private WindowStore<K, V> window;

    JoinWindowProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<K, V> context) {
        super.init(context);
        window = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<K, V> record) {
        context.forward(record);
        if (record.key() != null && record.value() != null) {
            window.put(record.key(), record.value(), record.timestamp());
        }
    }
}
