package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Branched;
import dev.rill.streams.kstream.KStream;
import java.util.function.Consumer;
import java.util.function.Function;

/** Read access to a {@link Branched}. */
final class BranchedInternal<K, V> extends Branched<K, V> {
    BranchedInternal(Branched<K, V> b) {
        super(b);
    }

    String name() {
        return name;
    }

    Function<? super KStream<K, V>, ? extends KStream<K, V>> function() {
        return chainFunction;
    }

    Consumer<? super KStream<K, V>> consumer() {
        return chainConsumer;
    }
}
