package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.WindowStoreIterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * A user's own window byte store seen as a byte store of window store keys ({@link StoreKeyView}). Writes become
 * {@code put(key, value, windowStart)} (the store keeps duplicates or not, as it was built to); one key's windows are
 * read with {@code fetch(key, from, to)}, anything else with {@code all()}. The store's duplicates of one window get
 * sequence numbers 0, 1, … in the order it returns them.
 */
final class WindowStoreKeyView extends StoreKeyView<WindowStore<Bytes, byte[]>> {

    WindowStoreKeyView(WindowStore<Bytes, byte[]> windows) {
        super(windows, TimeKeySchema.WINDOW);
    }

    @Override
    public byte[] get(Bytes storeKey) {
        byte[] k = storeKey.get();
        return inner.fetch(Bytes.wrap(TimeKeySchema.WINDOW.recordKey(k)), TimeKeySchema.windowStart(k));
    }

    @Override
    public void put(Bytes storeKey, byte[] value) {
        byte[] k = storeKey.get();
        inner.put(Bytes.wrap(TimeKeySchema.WINDOW.recordKey(k)), value, TimeKeySchema.windowStart(k));
    }

    @Override
    void readKey(byte[] key, byte[] from, byte[] to, List<KeyValue<Bytes, byte[]>> out) {
        Map<Long, Integer> seqnums = new HashMap<>();
        try (WindowStoreIterator<byte[]> it = inner.fetch(Bytes.wrap(key), TimeKeySchema.windowStart(from),
                TimeKeySchema.windowStart(to))) {
            while (it.hasNext()) {
                KeyValue<Long, byte[]> kv = it.next();
                int seqnum = seqnums.merge(kv.key, 1, Integer::sum) - 1;
                out.add(KeyValue.pair(Bytes.wrap(TimeKeySchema.windowKey(key, kv.key, seqnum)), kv.value));
            }
        }
    }

    @Override
    void readAll(List<KeyValue<Bytes, byte[]>> out) {
        Map<Bytes, Integer> seqnums = new HashMap<>();
        try (KeyValueIterator<Windowed<Bytes>, byte[]> it = inner.all()) {
            while (it.hasNext()) {
                KeyValue<Windowed<Bytes>, byte[]> kv = it.next();
                byte[] key = kv.key.key().get();
                long start = kv.key.window().start();
                int seqnum = seqnums.merge(Bytes.wrap(TimeKeySchema.windowKey(key, start, 0)), 1, Integer::sum) - 1;
                out.add(KeyValue.pair(Bytes.wrap(TimeKeySchema.windowKey(key, start, seqnum)), kv.value));
            }
        }
    }
}
