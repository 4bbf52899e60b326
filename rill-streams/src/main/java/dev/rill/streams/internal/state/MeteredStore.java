package dev.rill.streams.internal.state;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * The typed outer layer shared by every store kind: resolves the serdes (given, or the application defaults) at
 * init, names the changelog topic the serializers see, and owns the store's optional write cache. A store kind adds
 * its typed facade on top: key-value operations in {@link MeteredKeyValueStore}, window and session operations in
 * {@link MeteredWindowStore} and {@link MeteredSessionStore}, which compose store keys ({@link TimeKeySchema}) over
 * a segmented byte store. The layers below are byte stores:
 * cache, changelog, RocksDB / in-memory.
 *
 * @param <K> the key type
 * @param <V> the stored value type (for a timestamped store, {@code ValueAndTimestamp} of the plain value)
 */
public abstract class MeteredStore<K, V> extends WrappedStateStore<KeyValueStore<Bytes, byte[]>>
        implements CacheFlushable, SerdeAware {
    private final CachingKeyValueBytesStore cache;
    private final Serde<K> givenKeySerde;
    private final Serde<?> givenValueSerde;
    private Serde<K> keySerde;
    private Serde<?> plainValueSerde;
    private Serializer<K> keySerializer;
    private Deserializer<K> keyDeserializer;
    private Serializer<V> valueSerializer;
    private Deserializer<V> valueDeserializer;
    private String topic;

    protected MeteredStore(KeyValueStore<Bytes, byte[]> inner, CachingKeyValueBytesStore cache, Serde<K> keySerde,
                           Serde<?> valueSerde) {
        super(inner);
        this.cache = cache;
        this.givenKeySerde = keySerde;
        this.givenValueSerde = valueSerde;
    }

    /** The serde of the stored value, made from the plain value serde (a store kind may wrap it). */
    protected abstract Serde<V> storedValueSerde(Serde<?> plainValueSerde);

    @Override
    @SuppressWarnings("unchecked")
    public void init(StateStoreContext context, StateStore root) {
        InternalStoreContext ctx = (InternalStoreContext) context;
        Serde<K> ks = givenKeySerde != null ? givenKeySerde : (Serde<K>) ctx.defaultKeySerde();
        Serde<?> vs = givenValueSerde != null ? givenValueSerde : ctx.defaultValueSerde();
        if (ks == null || vs == null) {
            throw new StreamsException("State store " + name() + " has no " + (ks == null ? "key" : "value")
                    + " serde: none was given (Materialized.with / Stores.keyValueStoreBuilder) and default."
                    + (ks == null ? "key" : "value") + ".serde is not set. Give the serde or set the default.");
        }
        Serde<V> stored = storedValueSerde(vs);
        keySerde = ks;
        plainValueSerde = vs;
        keySerializer = ks.serializer();
        keyDeserializer = ks.deserializer();
        valueSerializer = stored.serializer();
        valueDeserializer = stored.deserializer();
        topic = ctx.applicationId() + "-" + name() + "-changelog";
        inner.init(context, root);
    }

    @Override
    public Serde<K> keySerde() {
        return keySerde != null ? keySerde : givenKeySerde;
    }

    @Override
    public Serde<?> valueSerde() {
        return plainValueSerde != null ? plainValueSerde : givenValueSerde;
    }

    /** Whether this store has a write cache (then changes reach downstream through the flush listener). */
    public boolean cached() {
        return cache != null;
    }

    /** The store's write cache, or null when caching is off. */
    protected CachingKeyValueBytesStore cache() {
        return cache;
    }

    @Override
    public void flushCache() {
        if (cache != null) {
            cache.flushCache();
        }
    }

    /** The changelog topic name the serializers are given. */
    protected String topic() {
        return topic;
    }

    /** The serialized form of a key, as the changelog and the partitioner see it. */
    public byte[] serializeKey(K key) {
        return keySerializer.serialize(topic, key);
    }

    /** The key as bytes for the layers below; a null key is rejected. */
    protected Bytes keyBytes(K key) {
        if (key == null) {
            throw new NullPointerException("A state store key must not be null (store " + name() + ")");
        }
        return Bytes.wrap(keySerializer.serialize(topic, key));
    }

    protected K deserializeKey(byte[] bytes) {
        return keyDeserializer.deserialize(topic, bytes);
    }

    /** The value as bytes; null (a delete) stays null. */
    protected byte[] serializeValue(V value) {
        return value == null ? null : valueSerializer.serialize(topic, value);
    }

    protected V deserializeValue(byte[] bytes) {
        return valueDeserializer.deserialize(topic, bytes);
    }
}
