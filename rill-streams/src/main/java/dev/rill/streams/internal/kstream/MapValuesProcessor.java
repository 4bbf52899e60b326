package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.ValueMapperWithKey;
import dev.rill.streams.processor.api.Record;

/** {@code mapValues}: a new value per record, same key. */
final class MapValuesProcessor<K, V, VR> extends DslProcessor<K, V, K, VR> {
    private final ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper;

    MapValuesProcessor(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        this.mapper = mapper;
    }

    @Override
    public void process(Record<K, V> record) {
        context.forward(record.withValue(mapper.apply(record.key(), record.value())));
    }
}
