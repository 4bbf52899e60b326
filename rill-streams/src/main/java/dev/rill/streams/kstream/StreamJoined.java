package dev.rill.streams.kstream;

import dev.rill.streams.state.WindowBytesStoreSupplier;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serdes, names and stores of a stream-stream join ({@link KStream#join(KStream, ValueJoiner, JoinWindows,
 * StreamJoined)} and its left and outer variants).
 *
 * <p>The key serde and the two value serdes are used by the join's two window stores and, after a key change, by the
 * two repartition topics. The name names the join's processors ({@code <name>-this-join}, {@code <name>-merge}, ...)
 * and repartition topics ({@code <name>-left-repartition}, {@code <name>-right-repartition}); the store name names its
 * stores ({@code <store name>-this-join-store}, ...) and with them their changelog topics. Unset serdes are the
 * configured defaults.
 *
 * <pre>{@code
 * orders.join(payments, (order, payment) -> order + "/" + payment,
 *         JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMinutes(5)),
 *         StreamJoined.with(Serdes.String(), Serdes.String(), Serdes.String()).withStoreName("order-payments"));
 * }</pre>
 *
 * @param <K> the key type
 * @param <V1> this stream's value type
 * @param <V2> the other stream's value type
 */
public class StreamJoined<K, V1, V2> {
    protected final Serde<K> keySerde;
    protected final Serde<V1> valueSerde;
    protected final Serde<V2> otherValueSerde;
    protected final WindowBytesStoreSupplier thisStoreSupplier;
    protected final WindowBytesStoreSupplier otherStoreSupplier;
    protected final String name;
    protected final String storeName;
    protected final boolean loggingEnabled;
    protected final Map<String, String> topicConfig;

    /** A copy of {@code streamJoined}, for subclasses that read its fields. */
    protected StreamJoined(StreamJoined<K, V1, V2> streamJoined) {
        this(streamJoined.keySerde, streamJoined.valueSerde, streamJoined.otherValueSerde,
                streamJoined.thisStoreSupplier, streamJoined.otherStoreSupplier, streamJoined.name,
                streamJoined.storeName, streamJoined.loggingEnabled, streamJoined.topicConfig);
    }

    private StreamJoined(Serde<K> keySerde, Serde<V1> valueSerde, Serde<V2> otherValueSerde,
                         WindowBytesStoreSupplier thisStoreSupplier, WindowBytesStoreSupplier otherStoreSupplier,
                         String name, String storeName, boolean loggingEnabled, Map<String, String> topicConfig) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.thisStoreSupplier = thisStoreSupplier;
        this.otherStoreSupplier = otherStoreSupplier;
        this.name = name;
        this.storeName = storeName;
        this.loggingEnabled = loggingEnabled;
        this.topicConfig = topicConfig;
    }

    /**
     * Joins with the given window stores for this stream and the other; both must keep duplicates and have the
     * join's window size ({@code before + after}) and retention ({@code before + after + grace}), and their names must
     * differ (checked when the join is built).
     */
    public static <K, V1, V2> StreamJoined<K, V1, V2> with(WindowBytesStoreSupplier storeSupplier,
                                                          WindowBytesStoreSupplier otherStoreSupplier) {
        return new StreamJoined<>(null, null, null, storeSupplier, otherStoreSupplier, null, null, true,
                new HashMap<>());
    }

    /** Names the join's stores {@code <storeName>-this-join-store}, {@code <storeName>-other-join-store}, .... */
    public static <K, V1, V2> StreamJoined<K, V1, V2> as(String storeName) {
        return new StreamJoined<>(null, null, null, null, null, null, storeName, true, new HashMap<>());
    }

    /** With the key serde and the value serdes of this stream and the other (null: the configured default). */
    public static <K, V1, V2> StreamJoined<K, V1, V2> with(Serde<K> keySerde, Serde<V1> valueSerde,
                                                          Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, null, null, null, null, true,
                new HashMap<>());
    }

    /** Names the join's processors and repartition topics after {@code name}. */
    public StreamJoined<K, V1, V2> withName(String name) {
        Named.validate(name);
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    /** Names the join's stores (and so their changelog topics) after {@code storeName}. */
    public StreamJoined<K, V1, V2> withStoreName(String storeName) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withKeySerde(Serde<K> keySerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withValueSerde(Serde<V1> valueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withOtherValueSerde(Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    /** The window store for this stream's records (see {@link #with(WindowBytesStoreSupplier, WindowBytesStoreSupplier)}). */
    public StreamJoined<K, V1, V2> withThisStoreSupplier(WindowBytesStoreSupplier thisStoreSupplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    /** The window store for the other stream's records. */
    public StreamJoined<K, V1, V2> withOtherStoreSupplier(WindowBytesStoreSupplier otherStoreSupplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    /** Logs the join's stores to changelog topics (the default) with these extra topic configs. */
    public StreamJoined<K, V1, V2> withLoggingEnabled(Map<String, String> config) {
        Objects.requireNonNull(config, "config cannot be null: pass an empty map for no extra topic configs");
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, true, new HashMap<>(config));
    }

    /** Keeps the join's stores without changelog topics: after a failover their contents are lost. */
    public StreamJoined<K, V1, V2> withLoggingDisabled() {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, false, new HashMap<>());
    }

    @Override
    public String toString() {
        return "StreamJoin{keySerde=" + keySerde + ", valueSerde=" + valueSerde + ", otherValueSerde="
                + otherValueSerde + ", thisStoreSupplier=" + thisStoreSupplier + ", otherStoreSupplier="
                + otherStoreSupplier + ", name='" + name + "', storeName='" + storeName + "', loggingEnabled="
                + loggingEnabled + ", topicConfig=" + topicConfig + '}';
    }
}
