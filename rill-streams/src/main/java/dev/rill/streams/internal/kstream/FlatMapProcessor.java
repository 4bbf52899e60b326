package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.processor.api.Record;

/** {@code flatMap}: zero or more records per record, in the iterable's order. */
final class FlatMapProcessor<K, V, KR, VR> extends DslProcessor<K, V, KR, VR> {
    private final KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper;

    FlatMapProcessor(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper) {
        this.mapper = mapper;
    }

    @Override
    public void process(Record<K, V> record) {
        Iterable<? extends KeyValue<? extends KR, ? extends VR>> out = mapper.apply(record.key(), record.value());
        if (out == null) {
            return;
        }
        for (KeyValue<? extends KR, ? extends VR> kv : out) {
            context.forward(new Record<KR, VR>(kv.key, kv.value, record.timestamp(), record.headers()));
        }
    }
}
