package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.ValueMapperWithKey;
import dev.rill.streams.processor.api.Record;

/** KTable mapValues: maps both the new and the old value (deletions stay deletions). */
final class TableMapValuesProcessor<K, V, VR> extends DslProcessor<K, Change<V>, K, Change<VR>> {
    private final ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper;

    TableMapValuesProcessor(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        this.mapper = mapper;
    }

    @Override
    public void process(Record<K, Change<V>> record) {
        V n = record.value().newValue();
        V o = record.value().oldValue();
        context.forward(record.withValue(new Change<>(n == null ? null : mapper.apply(record.key(), n),
                o == null ? null : mapper.apply(record.key(), o))));
    }
}
