package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.ForeachAction;
import dev.rill.streams.processor.api.Record;

/** {@code peek} (forwards) and {@code foreach} (terminal). */
final class PeekProcessor<K, V> extends DslProcessor<K, V, K, V> {
    private final ForeachAction<? super K, ? super V> action;
    private final boolean forward;

    PeekProcessor(ForeachAction<? super K, ? super V> action, boolean forward) {
        this.action = action;
        this.forward = forward;
    }

    @Override
    public void process(Record<K, V> record) {
        action.apply(record.key(), record.value());
        if (forward) {
            context.forward(record);
        }
    }
}
