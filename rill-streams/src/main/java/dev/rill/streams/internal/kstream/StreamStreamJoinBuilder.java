package dev.rill.streams.internal.kstream;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.kstream.JoinWindows;
import dev.rill.streams.kstream.ValueJoinerWithKey;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.Stores;
import dev.rill.streams.state.WindowBytesStoreSupplier;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Adds the nodes and stores of one stream-stream join, named and connected as Kafka Streams names and connects them:
 *
 * <pre>
 *   this  → KSTREAM-WINDOWED-a (keeps this side in the this-store)  → KSTREAM-JOINTHIS-c  ─┐
 *                                                                     (reads other-store)  ├→ KSTREAM-MERGE-e
 *   other → KSTREAM-WINDOWED-b (keeps the other side in other-store) → KSTREAM-JOINOTHER-d ─┘
 *                                                                     (reads this-store)
 * </pre>
 *
 * A left join's other-side processor is named {@code KSTREAM-OUTEROTHER-}, an outer join's this-side one
 * {@code KSTREAM-OUTERTHIS-}; left and outer joins add a key-value store shared by both sides,
 * {@code KSTREAM-OUTERSHARED-c-store}, where unmatched records wait for their window to close. Both inputs must
 * already be partitioned by the join key.
 */
final class StreamStreamJoinBuilder<K, V1, V2> {
    private static final String THIS_WINDOWED = "-this-windowed";
    private static final String OTHER_WINDOWED = "-other-windowed";

    private final InternalStreamsBuilder builder;
    private final boolean leftOuter;
    private final boolean rightOuter;

    StreamStreamJoinBuilder(InternalStreamsBuilder builder, boolean leftOuter, boolean rightOuter) {
        this.builder = builder;
        this.leftOuter = leftOuter;
        this.rightOuter = rightOuter;
    }

    <VOut> KStreamImpl<K, VOut> join(KStreamImpl<K, V1> thisStream, KStreamImpl<K, V2> otherStream,
                                     ValueJoinerWithKey<? super K, ? super V1, ? super V2, ? extends VOut> joiner,
                                     JoinWindows windows, StreamJoinedInternal<K, V1, V2> joined) {
        String name = joined.name();
        String thisSuffix = rightOuter ? "-outer-this-join" : "-this-join";
        String otherSuffix = leftOuter ? "-outer-other-join" : "-other-join";
        String thisWindowedName = builder.nameOr(suffixed(name, THIS_WINDOWED), "KSTREAM-WINDOWED-");
        String otherWindowedName = builder.nameOr(suffixed(name, OTHER_WINDOWED), "KSTREAM-WINDOWED-");
        String thisPrefix = rightOuter ? "KSTREAM-OUTERTHIS-" : "KSTREAM-JOINTHIS-";
        String joinThisGenerated = builder.newName(thisPrefix);
        String joinOtherGenerated = builder.newName(leftOuter ? "KSTREAM-OUTEROTHER-" : "KSTREAM-JOINOTHER-");
        String joinThisName = name != null ? suffixed(name, thisSuffix) : joinThisGenerated;
        String joinOtherName = name != null ? suffixed(name, otherSuffix) : joinOtherGenerated;
        String mergeName = builder.nameOr(suffixed(name, "-merge"), "KSTREAM-MERGE-");

        WindowBytesStoreSupplier thisSupplier = joined.thisStoreSupplier();
        WindowBytesStoreSupplier otherSupplier = joined.otherStoreSupplier();
        if (thisSupplier != null && otherSupplier != null && thisSupplier.name().equals(otherSupplier.name())) {
            throw new StreamsException("Both StoreSuppliers have the same name.  StoreSuppliers must provide unique "
                    + "names (both are '" + thisSupplier.name() + "'): give this stream's and the other stream's "
                    + "window stores different names.");
        }
        String storeName = joined.storeName();
        StoreBuilder<?> thisStore = windowStore(thisSupplier,
                (storeName == null ? joinThisGenerated : storeName + thisSuffix) + "-store", windows, joined,
                joined.valueSerde());
        StoreBuilder<?> otherStore = windowStore(otherSupplier,
                (storeName == null ? joinOtherGenerated : storeName + otherSuffix) + "-store", windows, joined,
                joined.otherValueSerde());
        boolean fix = new JoinWindowsInternal(windows).spuriousResultFixEnabled();
        StoreBuilder<?> outerStore = leftOuter && fix
                ? outerStore(joined, joinThisGenerated.substring(thisPrefix.length())) : null;

        builder.addStatefulProcessor(thisWindowedName, () -> new JoinWindowProcessor<K, V1>(thisStore.name()),
                thisStore, List.of(thisStore.name()), thisStream.nodeName());
        builder.addStatefulProcessor(otherWindowedName, () -> new JoinWindowProcessor<K, V2>(otherStore.name()),
                otherStore, List.of(otherStore.name()), otherStream.nodeName());

        JoinTimeTracker.PerTask trackers = new JoinTimeTracker.PerTask();
        String outerStoreName = outerStore == null ? null : outerStore.name();
        StreamStreamJoinProcessor.Spec<K> spec = new StreamStreamJoinProcessor.Spec<>(otherStore.name(),
                outerStoreName, windows.beforeMs, windows.afterMs, windows.gracePeriodMs(), fix, joined.keySerde(),
                joined.valueSerde(), joined.otherValueSerde(), trackers);
        StreamStreamJoinProcessor.Spec<K> otherSpec = new StreamStreamJoinProcessor.Spec<>(thisStore.name(),
                outerStoreName, windows.beforeMs, windows.afterMs, windows.gracePeriodMs(), fix, joined.keySerde(),
                joined.valueSerde(), joined.otherValueSerde(), trackers);
        ValueJoinerWithKey<K, V2, V1, VOut> reversed = (k, v2, v1) -> joiner.apply(k, v1, v2);
        builder.addStatefulProcessor(joinThisName,
                () -> new StreamStreamJoinProcessor<K, V1, V2, VOut>(spec, true, leftOuter, joiner), outerStore,
                outerStoreName == null ? List.of(otherStore.name()) : List.of(outerStoreName, otherStore.name()),
                thisWindowedName);
        builder.addStatefulProcessor(joinOtherName,
                () -> new StreamStreamJoinProcessor<K, V2, V1, VOut>(otherSpec, false, rightOuter, reversed), null,
                outerStoreName == null ? List.of(thisStore.name()) : List.of(outerStoreName, thisStore.name()),
                otherWindowedName);
        builder.addProcessor(mergeName, PassThroughProcessor::new, joinThisName, joinOtherName);
        return new KStreamImpl<>(builder, mergeName, joined.keySerde(), null, false);
    }

    private static String suffixed(String name, String suffix) {
        if (name == null) {
            return null;
        }
        String result = name + suffix;
        // the suffix may push a valid name over the length limit
        dev.rill.streams.kstream.Named.as(result);
        return result;
    }

    /** The join's window store for one side: keeps duplicates, window size before + after, retention size + grace. */
    private <V> StoreBuilder<?> windowStore(WindowBytesStoreSupplier supplier, String generatedName,
                                            JoinWindows windows, StreamJoinedInternal<K, V1, V2> joined,
                                            Serde<V> valueSerde) {
        if (supplier != null) {
            checkWindowSettings(supplier, windows);
            return Stores.windowStoreBuilder(supplier, joined.keySerde(), valueSerde);
        }
        WindowBytesStoreSupplier generated = Stores.persistentWindowStore(generatedName,
                Duration.ofMillis(windows.size() + windows.gracePeriodMs()), Duration.ofMillis(windows.size()), true);
        StoreBuilder<?> store = Stores.windowStoreBuilder(generated, joined.keySerde(), valueSerde);
        if (!joined.loggingEnabled()) {
            return store.withLoggingDisabled();
        }
        // like Kafka Streams: the join's windows are retained by time alone
        Map<String, String> config = new HashMap<>(joined.logConfig());
        config.put("cleanup.policy", "delete");
        return store.withLoggingEnabled(config);
    }

    private static void checkWindowSettings(WindowBytesStoreSupplier supplier, JoinWindows windows) {
        if (!supplier.retainDuplicates()) {
            throw new StreamsException("The StoreSupplier must set retainDuplicates=true, found retainDuplicates=false"
                    + " (store '" + supplier.name() + "'): a join window keeps every record, create the store with "
                    + "retainDuplicates = true.");
        }
        long retention = windows.size() + windows.gracePeriodMs();
        if (supplier.retentionPeriod() != retention || supplier.windowSize() != windows.size()) {
            throw new StreamsException(String.format("Window settings mismatch. WindowBytesStoreSupplier settings %s "
                    + "must match JoinWindows settings %s for the window size and retention period: store '%s' has "
                    + "windowSize=%d and retentionPeriod=%d, the join needs windowSize=%d (before + after) and "
                    + "retentionPeriod=%d (before + after + grace).", supplier, windows, supplier.name(),
                    supplier.windowSize(), supplier.retentionPeriod(), windows.size(), retention));
        }
    }

    /**
     * The store of unmatched records shared by both sides, named after the this-side store supplier, else the
     * StreamJoined store name, else the generated this-side name; in memory when the this-side store is.
     */
    private StoreBuilder<?> outerStore(StreamJoinedInternal<K, V1, V2> joined, String index) {
        String suffix = rightOuter ? "-outer-shared-join" : "-left-shared-join";
        WindowBytesStoreSupplier thisSupplier = joined.thisStoreSupplier();
        String base;
        if (thisSupplier != null && !thisSupplier.name().isEmpty()) {
            base = thisSupplier.name() + suffix;
        } else if (joined.storeName() != null) {
            base = joined.storeName() + suffix;
        } else {
            base = "KSTREAM-OUTERSHARED-" + index;
        }
        String name = base + "-store";
        boolean persistent = thisSupplier == null || thisSupplier.get().persistent();
        KeyValueBytesStoreSupplier bytes = persistent ? Stores.persistentKeyValueStore(name)
                : Stores.inMemoryKeyValueStore(name);
        StoreBuilder<?> store = Stores.keyValueStoreBuilder(bytes, Serdes.Bytes(), Serdes.ByteArray())
                .withCachingDisabled();
        return joined.loggingEnabled() ? store.withLoggingEnabled(joined.logConfig()) : store.withLoggingDisabled();
    }
}
