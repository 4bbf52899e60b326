package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.processor.api.Record;

/** {@code map}: a new key and value per record. */
final class MapProcessor<K, V, KR, VR> extends DslProcessor<K, V, KR, VR> {
    private final KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper;

    MapProcessor(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper) {
        this.mapper = mapper;
    }

    @Override
    public void process(Record<K, V> record) {
        KeyValue<? extends KR, ? extends VR> kv = mapper.apply(record.key(), record.value());
        if (kv == null) {
            throw new StreamsException("The map() mapper returned null for key " + record.key()
                    + "; it must return a KeyValue (use flatMap to drop records).");
        }
        context.forward(new Record<KR, VR>(kv.key, kv.value, record.timestamp(), record.headers()));
    }
}
