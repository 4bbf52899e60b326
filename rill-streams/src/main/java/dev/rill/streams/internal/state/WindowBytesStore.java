package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.WindowStoreIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;

/**
 * A window byte store, as {@link dev.rill.streams.state.WindowBytesStoreSupplier#get()} returns it: window operations
 * over a {@link SegmentedBytesStore} of window store keys. Store builders take the segmented store from it and stack
 * the shared layers over that instead.
 */
public final class WindowBytesStore implements WindowStore<Bytes, byte[]>, StoreKeyStore {
    private final SegmentedBytesStore segments;
    private final WindowQueries queries;
    private final long windowSize;
    private final boolean retainDuplicates;
    private int seqnum;

    public WindowBytesStore(SegmentedBytesStore segments, long windowSize, boolean retainDuplicates) {
        this.segments = segments;
        this.queries = new WindowQueries(segments.segmentInterval());
        this.windowSize = windowSize;
        this.retainDuplicates = retainDuplicates;
    }

    @Override
    public KeyValueStore<Bytes, byte[]> storeKeyStore() {
        return segments;
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        Objects.requireNonNull(key, "key cannot be null");
        if (value == null && retainDuplicates) {
            return;
        }
        if (retainDuplicates) {
            seqnum = (seqnum + 1) & 0x7FFFFFFF;
        }
        segments.put(Bytes.wrap(TimeKeySchema.windowKey(key.get(), windowStartTimestamp, seqnum)), value);
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        Objects.requireNonNull(key, "key cannot be null");
        return segments.get(Bytes.wrap(TimeKeySchema.windowKey(key.get(), time, 0)));
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        Objects.requireNonNull(key, "key cannot be null");
        return starts(queries.fetch(segments, key.get(), timeFrom, timeTo, true));
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        Objects.requireNonNull(key, "key cannot be null");
        return starts(queries.fetch(segments, key.get(), timeFrom, timeTo, false));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return windows(queries.fetch(segments, bytes(keyFrom), bytes(keyTo), timeFrom, timeTo, true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
                                                                   long timeTo) {
        return windows(queries.fetch(segments, bytes(keyFrom), bytes(keyTo), timeFrom, timeTo, false));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return windows(queries.fetchAll(segments, timeFrom, timeTo, true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return windows(queries.fetchAll(segments, timeFrom, timeTo, false));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return windows(queries.all(segments, true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return windows(queries.all(segments, false));
    }

    private static byte[] bytes(Bytes b) {
        return b == null ? null : b.get();
    }

    private static WindowStoreIterator<byte[]> starts(List<KeyValue<Bytes, byte[]>> entries) {
        List<KeyValue<Long, byte[]>> out = new ArrayList<>(entries.size());
        entries.forEach(kv -> out.add(KeyValue.pair(TimeKeySchema.windowStart(kv.key.get()), kv.value)));
        return new ListWindowStoreIterator<>(out);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> windows(List<KeyValue<Bytes, byte[]>> entries) {
        List<KeyValue<Windowed<Bytes>, byte[]>> out = new ArrayList<>(entries.size());
        for (KeyValue<Bytes, byte[]> kv : entries) {
            byte[] k = kv.key.get();
            out.add(KeyValue.pair(WindowQueries.windowed(Bytes.wrap(TimeKeySchema.WINDOW.recordKey(k)), k, windowSize),
                    kv.value));
        }
        return new ListKeyValueIterator<>(out);
    }

    @Override
    public String name() {
        return segments.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        segments.init(context, root);
    }

    @Override
    public void flush() {
        segments.flush();
    }

    @Override
    public void close() {
        segments.close();
    }

    @Override
    public boolean persistent() {
        return segments.persistent();
    }

    @Override
    public boolean isOpen() {
        return segments.isOpen();
    }
}
