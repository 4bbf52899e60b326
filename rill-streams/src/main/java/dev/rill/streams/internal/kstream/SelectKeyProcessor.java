package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.processor.api.Record;

/** {@code selectKey}: a new key per record, same value. */
final class SelectKeyProcessor<K, V, KR> extends DslProcessor<K, V, KR, V> {
    private final KeyValueMapper<? super K, ? super V, ? extends KR> mapper;

    SelectKeyProcessor(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        this.mapper = mapper;
    }

    @Override
    public void process(Record<K, V> record) {
        context.forward(record.withKey(mapper.apply(record.key(), record.value())));
    }
}
