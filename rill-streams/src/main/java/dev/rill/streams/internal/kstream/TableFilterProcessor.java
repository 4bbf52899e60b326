package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Predicate;

/**
 * KTable filter: a value failing the predicate becomes a deletion. When a downstream operator needs old values, an
 * update where neither side passes is dropped; otherwise it goes on as a delete (as in Kafka Streams).
 */
final class TableFilterProcessor<K, V> extends DslProcessor<K, Change<V>, K, Change<V>> {
    private final Predicate<? super K, ? super V> predicate;
    private final boolean keep;
    private final boolean sendOldValues;

    TableFilterProcessor(Predicate<? super K, ? super V> predicate, boolean keep, boolean sendOldValues) {
        this.predicate = predicate;
        this.keep = keep;
        this.sendOldValues = sendOldValues;
    }

    private V pass(K key, V v) {
        return v != null && predicate.test(key, v) == keep ? v : null;
    }

    @Override
    public void process(dev.rill.streams.processor.api.Record<K, Change<V>> record) {
        V n = pass(record.key(), record.value().newValue());
        V o = pass(record.key(), record.value().oldValue());
        if (n == null && o == null && sendOldValues) {
            return;
        }
        context.forward(record.withValue(new Change<>(n, o)));
    }
}
