package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Predicate;

/** KTable filter: a value failing the predicate becomes a deletion; nothing is forwarded if neither side passes. */
final class TableFilterProcessor<K, V> extends DslProcessor<K, Change<V>, K, Change<V>> {
    private final Predicate<? super K, ? super V> predicate;
    private final boolean keep;

    TableFilterProcessor(Predicate<? super K, ? super V> predicate, boolean keep) {
        this.predicate = predicate;
        this.keep = keep;
    }

    private V pass(K key, V v) {
        return v != null && predicate.test(key, v) == keep ? v : null;
    }

    @Override
    public void process(dev.rill.streams.processor.api.Record<K, Change<V>> record) {
        V n = pass(record.key(), record.value().newValue());
        V o = pass(record.key(), record.value().oldValue());
        if (n == null && o == null) {
            return;
        }
        context.forward(record.withValue(new Change<>(n, o)));
    }
}
