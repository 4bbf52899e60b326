package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;

/**
 * A session byte store, as {@link dev.rill.streams.state.SessionBytesStoreSupplier#get()} returns it: session
 * operations over a {@link SegmentedBytesStore} of session store keys. Store builders take the segmented store from
 * it and stack the shared layers over that instead.
 */
public final class SessionBytesStore implements SessionStore<Bytes, byte[]>, StoreKeyStore {
    private final SegmentedBytesStore segments;
    private final SessionQueries queries;

    public SessionBytesStore(SegmentedBytesStore segments) {
        this.segments = segments;
        this.queries = new SessionQueries(segments.segmentInterval());
    }

    @Override
    public KeyValueStore<Bytes, byte[]> storeKeyStore() {
        return segments;
    }

    private static Bytes storeKey(Windowed<Bytes> sessionKey) {
        Objects.requireNonNull(sessionKey, "sessionKey can't be null");
        Objects.requireNonNull(sessionKey.key(), "sessionKey.key() can't be null");
        return Bytes.wrap(TimeKeySchema.sessionKey(sessionKey.key().get(), sessionKey.window().start(),
                sessionKey.window().end()));
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        segments.put(storeKey(sessionKey), aggregate);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        segments.delete(storeKey(sessionKey));
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        Objects.requireNonNull(key, "key cannot be null");
        return segments.get(Bytes.wrap(TimeKeySchema.sessionKey(key.get(), sessionStartTime, sessionEndTime)));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime,
                                                                  long latestSessionStartTime) {
        Objects.requireNonNull(key, "key cannot be null");
        return sessions(queries.find(segments, key.get(), key.get(), true, earliestSessionEndTime,
                latestSessionStartTime, true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime,
                                                                          long latestSessionStartTime) {
        Objects.requireNonNull(key, "key cannot be null");
        return sessions(queries.find(segments, key.get(), key.get(), true, earliestSessionEndTime,
                latestSessionStartTime, false));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo,
                                                                  long earliestSessionEndTime,
                                                                  long latestSessionStartTime) {
        return sessions(queries.find(segments, bytes(keyFrom), bytes(keyTo), false, earliestSessionEndTime,
                latestSessionStartTime, true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo,
                                                                          long earliestSessionEndTime,
                                                                          long latestSessionStartTime) {
        return sessions(queries.find(segments, bytes(keyFrom), bytes(keyTo), false, earliestSessionEndTime,
                latestSessionStartTime, false));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime,
                                                                  long latestSessionEndTime) {
        return sessions(queries.findByEnd(segments, earliestSessionEndTime, latestSessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return findSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return backwardFindSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return findSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return backwardFindSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    private static byte[] bytes(Bytes b) {
        return b == null ? null : b.get();
    }

    private static KeyValueIterator<Windowed<Bytes>, byte[]> sessions(List<KeyValue<Bytes, byte[]>> entries) {
        List<KeyValue<Windowed<Bytes>, byte[]>> out = new ArrayList<>(entries.size());
        for (KeyValue<Bytes, byte[]> kv : entries) {
            byte[] k = kv.key.get();
            out.add(KeyValue.pair(SessionQueries.windowed(Bytes.wrap(TimeKeySchema.SESSION.recordKey(k)), k),
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
