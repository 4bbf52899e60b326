package dev.rill.streams.internal.kstream;

import dev.rill.streams.processor.api.Record;

/** Forwards every record unchanged (merge points and branch outputs). */
final class PassThroughProcessor<K, V> extends DslProcessor<K, V, K, V> {
    @Override
    public void process(Record<K, V> record) {
        context.forward(record);
    }
}
