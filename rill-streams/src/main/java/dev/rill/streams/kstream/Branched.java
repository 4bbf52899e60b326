package dev.rill.streams.kstream;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One branch of {@link BranchedKStream}: its name and what to do with the branch stream. A function's non-null
 * result, or the branch stream itself when neither function nor consumer is given, goes into the result map under
 * {@code <split name><branch name>}; an unnamed branch is named by its position (from 1; the default branch is "0").
 */
public class Branched<K, V> {
    protected final String name;
    protected final Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction;
    protected final Consumer<? super KStream<K, V>> chainConsumer;

    protected Branched(String name, Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction,
                       Consumer<? super KStream<K, V>> chainConsumer) {
        this.name = name;
        this.chainFunction = chainFunction;
        this.chainConsumer = chainConsumer;
    }

    protected Branched(Branched<K, V> other) {
        this(other.name, other.chainFunction, other.chainConsumer);
    }

    public static <K, V> Branched<K, V> as(String name) {
        Named.validate(name);
        return new Branched<>(name, null, null);
    }

    public static <K, V> Branched<K, V> withFunction(Function<? super KStream<K, V>, ? extends KStream<K, V>> chain) {
        return new Branched<>(null, chain, null);
    }

    public static <K, V> Branched<K, V> withFunction(Function<? super KStream<K, V>, ? extends KStream<K, V>> chain,
                                                     String name) {
        Named.validate(name);
        return new Branched<>(name, chain, null);
    }

    /** A copy with another branch name. */
    public Branched<K, V> withName(String name) {
        Named.validate(name);
        return new Branched<>(name, chainFunction, chainConsumer);
    }

    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain) {
        return new Branched<>(null, null, chain);
    }

    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain, String name) {
        Named.validate(name);
        return new Branched<>(name, null, chain);
    }
}
