package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.processor.api.Record;

/**
 * KTable groupBy: maps an update to the new grouping key; the old value goes to its old group as a subtraction and
 * the new value to its new group as an addition (one record when both groups are the same).
 */
final class TableGroupByProcessor<K, V, KR, VR> extends DslProcessor<K, Change<V>, KR, Change<VR>> {
    private final KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector;

    TableGroupByProcessor(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector) {
        this.selector = selector;
    }

    @Override
    public void process(Record<K, Change<V>> record) {
        KeyValue<KR, VR> n = record.value().newValue() == null ? null : selector.apply(record.key(), record.value().newValue());
        KeyValue<KR, VR> o = record.value().oldValue() == null ? null : selector.apply(record.key(), record.value().oldValue());
        if (n != null && o != null && java.util.Objects.equals(n.key, o.key)) {
            context.forward(record.withKey(n.key).withValue(new Change<>(n.value, o.value)));
            return;
        }
        if (o != null && o.key != null) {
            context.forward(record.withKey(o.key).withValue(new Change<>(null, o.value)));
        }
        if (n != null && n.key != null) {
            context.forward(record.withKey(n.key).withValue(new Change<>(n.value, null)));
        }
    }
}
