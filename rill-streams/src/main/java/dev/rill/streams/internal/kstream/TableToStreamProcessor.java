package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.processor.api.Record;

/** KTable toStream: each update as a record with the new value (null for a deletion), optionally re-keyed. */
final class TableToStreamProcessor<K, V, KR> extends DslProcessor<K, Change<V>, KR, V> {
    private final KeyValueMapper<? super K, ? super V, ? extends KR> mapper;

    TableToStreamProcessor(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        this.mapper = mapper;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Record<K, Change<V>> record) {
        V v = record.value().newValue();
        KR key = mapper == null ? (KR) record.key() : mapper.apply(record.key(), v);
        context.forward(record.withKey(key).withValue(v));
    }
}
