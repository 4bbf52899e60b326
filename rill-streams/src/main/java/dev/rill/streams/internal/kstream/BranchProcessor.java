package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Predicate;
import dev.rill.streams.processor.api.Record;
import java.util.List;

/** {@code split()}: forwards each record to the child of the first matching predicate, else the default child. */
final class BranchProcessor<K, V> extends DslProcessor<K, V, K, V> {
    private final Predicate<? super K, ? super V>[] predicates;
    private final String[] children;
    private final String defaultChild;

    @SuppressWarnings({"unchecked", "rawtypes"})
    BranchProcessor(List<Predicate<? super K, ? super V>> predicates, List<String> children, String defaultChild) {
        this.predicates = predicates.toArray(new Predicate[0]);
        this.children = children.toArray(new String[0]);
        this.defaultChild = defaultChild;
    }

    @Override
    public void process(Record<K, V> record) {
        for (int i = 0; i < predicates.length; i++) {
            if (predicates[i].test(record.key(), record.value())) {
                context.forward(record, children[i]);
                return;
            }
        }
        if (defaultChild != null) {
            context.forward(record, defaultChild);
        }
    }
}
