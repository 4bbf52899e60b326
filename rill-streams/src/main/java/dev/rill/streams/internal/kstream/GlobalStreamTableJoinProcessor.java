package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.kstream.ValueJoinerWithKey;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;

/** KStream-GlobalKTable join: the table key is computed from each stream record and looked up in the global store. */
final class GlobalStreamTableJoinProcessor<K, V, GK, GV, VR> extends DslProcessor<K, V, K, VR> {
    private final String store;
    private final boolean left;
    private final KeyValueMapper<? super K, ? super V, ? extends GK> keySelector;
    private final ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends VR> joiner;
    private TimestampedKeyValueStore<GK, GV> table;

    GlobalStreamTableJoinProcessor(String store, boolean left, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                   ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends VR> joiner) {
        this.store = store;
        this.left = left;
        this.keySelector = keySelector;
        this.joiner = joiner;
    }

    @Override
    public void init(dev.rill.streams.processor.api.ProcessorContext<K, VR> context) {
        super.init(context);
        table = context.getStateStore(store);
    }

    @Override
    public void process(Record<K, V> record) {
        if (record.value() == null) {
            return;
        }
        GK tableKey = keySelector.apply(record.key(), record.value());
        GV tableValue = tableKey == null ? null : ValueAndTimestamp.getValueOrNull(table.get(tableKey));
        if (tableValue == null && !left) {
            return;
        }
        context.forward(record.withValue(joiner.apply(record.key(), record.value(), tableValue)));
    }
}
