package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;

/**
 * A window or session byte store of the user's own (from a supplier not made by {@code Stores}) seen as a key-value
 * byte store of binary store keys ({@link TimeKeySchema}), so that the builders stack the same change-logging and
 * caching layers over it as over Rill's segmented stores, and its changelog holds Kafka Streams' store keys.
 *
 * <p>A range read whose bounds are store keys of one record key (how the window and session facades read one key)
 * becomes the store's read of that key; any other range (key ranges, every entry) reads every entry of the store and
 * keeps what is in range. Results are materialized in store-key order.
 *
 * @param <S> the user's store
 */
abstract class StoreKeyView<S extends StateStore> extends WrappedStateStore<S>
        implements KeyValueStore<Bytes, byte[]> {
    private final TimeKeySchema schema;

    StoreKeyView(S store, TimeKeySchema schema) {
        super(Objects.requireNonNull(store, "store"));
        this.schema = schema;
    }

    /** Adds the entries of one record key that may lie between the store keys {@code from} and {@code to}. */
    abstract void readKey(byte[] key, byte[] from, byte[] to, List<KeyValue<Bytes, byte[]>> out);

    /** Adds every entry of the store. */
    abstract void readAll(List<KeyValue<Bytes, byte[]>> out);

    @Override
    public byte[] putIfAbsent(Bytes storeKey, byte[] value) {
        byte[] existing = get(storeKey);
        if (existing == null) {
            put(storeKey, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(kv -> put(kv.key, kv.value));
    }

    @Override
    public byte[] delete(Bytes storeKey) {
        byte[] existing = get(storeKey);
        put(storeKey, null);
        return existing;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return new ListKeyValueIterator<>(inRange(from, to, false));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return new ListKeyValueIterator<>(inRange(from, to, true));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return new ListKeyValueIterator<>(inRange(null, null, false));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return new ListKeyValueIterator<>(inRange(null, null, true));
    }

    @Override
    public long approximateNumEntries() {
        return inRange(null, null, false).size();
    }

    /** The entries with a store key in {@code [from, to]} (a null bound is open), in store-key order. */
    private List<KeyValue<Bytes, byte[]>> inRange(Bytes from, Bytes to, boolean reverse) {
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
        byte[] key = oneRecordKey(from, to);
        if (key != null) {
            readKey(key, from.get(), to.get(), out);
        } else {
            readAll(out);
        }
        out.removeIf(kv -> kv.value == null || from != null && kv.key.compareTo(from) < 0
                || to != null && kv.key.compareTo(to) > 0);
        out.sort((a, b) -> a.key.compareTo(b.key));
        if (reverse) {
            Collections.reverse(out);
        }
        return out;
    }

    /** The record key, if both bounds are store keys of the same record key; null otherwise. */
    private byte[] oneRecordKey(Bytes from, Bytes to) {
        if (from == null || to == null) {
            return null;
        }
        byte[] f = from.get();
        byte[] t = to.get();
        int suffix = schema.suffixLength();
        if (f.length != t.length || f.length < suffix
                || !Arrays.equals(f, 0, f.length - suffix, t, 0, t.length - suffix)) {
            return null;
        }
        return schema.recordKey(f);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }
}
