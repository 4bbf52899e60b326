package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.ValueJoinerWithKey;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;

/** KStream-KTable join: each stream record is joined with the table's current value for its key. */
final class StreamTableJoinProcessor<K, V, VT, VR> extends DslProcessor<K, V, K, VR> {
    private final String tableStore;
    private final boolean left;
    private final ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner;
    private TimestampedKeyValueStore<K, VT> table;

    StreamTableJoinProcessor(String tableStore, boolean left, ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner) {
        this.tableStore = tableStore;
        this.left = left;
        this.joiner = joiner;
    }

    @Override
    public void init(dev.rill.streams.processor.api.ProcessorContext<K, VR> context) {
        super.init(context);
        table = context.getStateStore(tableStore);
    }

    @Override
    public void process(Record<K, V> record) {
        if (record.value() == null || (record.key() == null && !left)) {
            return;
        }
        VT tableValue = record.key() == null ? null : ValueAndTimestamp.getValueOrNull(table.get(record.key()));
        if (tableValue == null && !left) {
            return;
        }
        context.forward(record.withValue(joiner.apply(record.key(), record.value(), tableValue)));
    }
}
