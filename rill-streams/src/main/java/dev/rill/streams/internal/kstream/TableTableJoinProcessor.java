package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.ValueJoiner;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;

/**
 * One side of a KTable-KTable join: an update of this side is joined with the other side's current value (looked up
 * in its store). {@code thisIsLeft} says which argument of the joiner this side's value is.
 */
final class TableTableJoinProcessor<K, V1, V2, VR> implements Processor<K, Change<Object>, K, Change<VR>> {
    /** Inner, left or outer. */
    enum Kind { INNER, LEFT, OUTER }

    private final String otherStore;
    private final boolean thisIsLeft;
    private final Kind kind;
    private final ValueJoiner<? super V1, ? super V2, ? extends VR> joiner;
    private TimestampedKeyValueStore<K, Object> other;
    private ProcessorContext<K, Change<VR>> context;

    TableTableJoinProcessor(String otherStore, boolean thisIsLeft, Kind kind,
                            ValueJoiner<? super V1, ? super V2, ? extends VR> joiner) {
        this.otherStore = otherStore;
        this.thisIsLeft = thisIsLeft;
        this.kind = kind;
        this.joiner = joiner;
    }

    @Override
    public void init(ProcessorContext<K, Change<VR>> context) {
        this.context = context;
        this.other = context.getStateStore(otherStore);
    }

    @Override
    public void process(Record<K, Change<Object>> record) {
        if (record.key() == null) {
            return;
        }
        ValueAndTimestamp<Object> o = other.get(record.key());
        Object otherValue = ValueAndTimestamp.getValueOrNull(o);
        if (otherValue == null && (needsOther() || record.value().newValue() == null
                && record.value().oldValue() == null)) {
            return;
        }
        // like Kafka Streams, an update is forwarded even when both results are null (a delete of a key that had
        // no result): the other side exists, or this side's change is a delete of a row that had a left-only result
        VR n = join(record.value().newValue(), otherValue);
        VR old = join(record.value().oldValue(), otherValue);
        long ts = o == null ? record.timestamp() : Math.max(record.timestamp(), o.timestamp());
        context.forward(new Record<>(record.key(), new Change<>(n, old), ts, record.headers()));
    }

    /** Whether an update of this side has no result while the other side has no row. */
    private boolean needsOther() {
        return kind == Kind.INNER || kind == Kind.LEFT && !thisIsLeft;
    }

    @SuppressWarnings("unchecked")
    private VR join(Object mine, Object theirs) {
        Object left = thisIsLeft ? mine : theirs;
        Object right = thisIsLeft ? theirs : mine;
        boolean emit = switch (kind) {
            case INNER -> left != null && right != null;
            case LEFT -> left != null;
            case OUTER -> left != null || right != null;
        };
        return emit ? joiner.apply((V1) left, (V2) right) : null;
    }
}
