package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.ValueMapperWithKey;
import dev.rill.streams.processor.api.Record;

/** {@code flatMapValues}: zero or more values per record, same key. */
final class FlatMapValuesProcessor<K, V, VR> extends DslProcessor<K, V, K, VR> {
    private final ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper;

    FlatMapValuesProcessor(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper) {
        this.mapper = mapper;
    }

    @Override
    public void process(Record<K, V> record) {
        Iterable<? extends VR> out = mapper.apply(record.key(), record.value());
        if (out == null) {
            return;
        }
        for (VR v : out) {
            context.forward(record.withValue(v));
        }
    }
}
