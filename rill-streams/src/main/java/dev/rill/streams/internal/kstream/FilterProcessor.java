package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Predicate;
import dev.rill.streams.processor.api.Record;

/** {@code filter} and {@code filterNot}: forwards the same record object, allocating nothing. */
final class FilterProcessor<K, V> extends DslProcessor<K, V, K, V> {
    private final Predicate<? super K, ? super V> predicate;
    private final boolean keepMatches;

    FilterProcessor(Predicate<? super K, ? super V> predicate, boolean keepMatches) {
        this.predicate = predicate;
        this.keepMatches = keepMatches;
    }

    @Override
    public void process(Record<K, V> record) {
        if (predicate.test(record.key(), record.value()) == keepMatches) {
            context.forward(record);
        }
    }
}
