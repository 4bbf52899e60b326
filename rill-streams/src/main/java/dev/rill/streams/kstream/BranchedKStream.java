package dev.rill.streams.kstream;

import java.util.Map;

/**
 * Routes each record to the first branch whose predicate matches (or to the default branch, or drops it).
 *
 * <pre>{@code
 * Map<String, KStream<String, Long>> m = stream.split(Named.as("amount-"))
 *     .branch((k, v) -> v > 1000, Branched.as("big"))
 *     .defaultBranch(Branched.as("small"));   // keys "amount-big", "amount-small"
 * }</pre>
 */
public interface BranchedKStream<K, V> {
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate);

    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched);

    /** Ends the split with a branch for records no predicate matched. */
    Map<String, KStream<K, V>> defaultBranch();

    Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched);

    /** Ends the split; records no predicate matched are dropped. */
    Map<String, KStream<K, V>> noDefaultBranch();
}
