package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.SessionWindow;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.SessionStore;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;

/**
 * A user's own session byte store seen as a byte store of session store keys ({@link StoreKeyView}). Writes become
 * {@code put(session, aggregate)}, deletes {@code remove(session)}; a point read is {@code fetchSession}, one key's
 * sessions are read with {@code findSessions(key, earliestEnd, Long.MAX_VALUE)}, anything else with
 * {@code fetch(null, null)} (every key, open bounds as Kafka Streams' session stores take them).
 */
final class SessionStoreKeyView extends StoreKeyView<SessionStore<Bytes, byte[]>> {

    SessionStoreKeyView(SessionStore<Bytes, byte[]> sessions) {
        super(sessions, TimeKeySchema.SESSION);
    }

    private static Windowed<Bytes> session(byte[] storeKey) {
        return new Windowed<>(Bytes.wrap(TimeKeySchema.SESSION.recordKey(storeKey)),
                new SessionWindow(TimeKeySchema.sessionStart(storeKey), TimeKeySchema.sessionEnd(storeKey)));
    }

    @Override
    public byte[] get(Bytes storeKey) {
        byte[] k = storeKey.get();
        return inner.fetchSession(Bytes.wrap(TimeKeySchema.SESSION.recordKey(k)), TimeKeySchema.sessionStart(k),
                TimeKeySchema.sessionEnd(k));
    }

    @Override
    public void put(Bytes storeKey, byte[] value) {
        if (value == null) {
            inner.remove(session(storeKey.get()));
        } else {
            inner.put(session(storeKey.get()), value);
        }
    }

    @Override
    void readKey(byte[] key, byte[] from, byte[] to, List<KeyValue<Bytes, byte[]>> out) {
        add(inner.findSessions(Bytes.wrap(key), TimeKeySchema.sessionEnd(from), Long.MAX_VALUE), out);
    }

    @Override
    void readAll(List<KeyValue<Bytes, byte[]>> out) {
        add(inner.fetch(null, null), out);
    }

    private static void add(KeyValueIterator<Windowed<Bytes>, byte[]> sessions, List<KeyValue<Bytes, byte[]>> out) {
        try (sessions) {
            while (sessions.hasNext()) {
                KeyValue<Windowed<Bytes>, byte[]> kv = sessions.next();
                out.add(KeyValue.pair(Bytes.wrap(TimeKeySchema.sessionKey(kv.key.key().get(), kv.key.window().start(),
                        kv.key.window().end())), kv.value));
            }
        }
    }
}
