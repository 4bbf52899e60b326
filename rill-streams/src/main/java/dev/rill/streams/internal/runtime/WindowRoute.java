package dev.rill.streams.internal.runtime;

import dev.rill.streams.KeyQueryMetadata;
import dev.rill.streams.KeyValue;
import dev.rill.streams.internal.state.SerdeAware;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.HostInfo;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.ReadOnlySessionStore;
import dev.rill.streams.state.ReadOnlyWindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.state.WindowStoreIterator;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * {@code GET /stores/{store}/keys/{key}/windows?from=&to=}: the windows of one key of a window store that start in
 * {@code [from, to]}, or the sessions of one key of a session store that overlap it; the bounds are ISO-8601 instants
 * or epoch milliseconds, open when left out. Asked of the instance that holds the key, like a key lookup.
 */
final class WindowRoute {
    private final StreamsRuntime runtime;
    private final HostInfo self;

    WindowRoute(StreamsRuntime runtime, HostInfo self) {
        this.runtime = runtime;
        this.self = self;
    }

    /** Forwards the request (path and query, without {@code forwarded}) to the instance that owns the key. */
    interface Forwarder {
        QueryServer.Answer forward(HostInfo owner, String pathAndQuery);
    }

    @SuppressWarnings("unchecked")
    QueryServer.Answer answer(String store, String rawKey, Map<String, String> query, boolean forwarded,
                              String pathAndQuery, Forwarder forwarder) {
        if (runtime.subtopologyOfStore(store) < 0) {
            return new QueryServer.Answer(404, QueryServer.error(404, "No state store named '" + store + "'"));
        }
        long from;
        long to;
        try {
            from = time(query.get("from"), 0L, "from");
            to = time(query.get("to"), Long.MAX_VALUE, "to");
        } catch (IllegalArgumentException e) {
            return new QueryServer.Answer(400, QueryServer.error(400, e.getMessage()));
        }
        List<StateStore> local = runtime.localStores(store);
        Serde<Object> keySerde = local.isEmpty() || !(local.get(0) instanceof SerdeAware m)
                ? (Serde<Object>) runtime.config().defaultKeySerde() : (Serde<Object>) m.keySerde();
        Object key;
        try {
            key = QueryServer.parseKey(rawKey, keySerde);
        } catch (RuntimeException e) {
            return new QueryServer.Answer(400, QueryServer.error(400, "Key '" + rawKey + "' is not valid for store "
                    + store + ": " + e.getMessage()));
        }
        byte[] keyBytes = keySerde.serializer().serialize(runtime.config().applicationId() + "-" + store
                + "-changelog", key);
        KeyQueryMetadata meta = runtime.queryMetadata(store, keyBytes);
        if (!forwarded && meta != KeyQueryMetadata.NOT_AVAILABLE && !meta.activeHost().equals(self)) {
            return forwarder.forward(meta.activeHost(), pathAndQuery);
        }
        StateStore s = meta == KeyQueryMetadata.NOT_AVAILABLE ? null : runtime.localStore(store, meta.partition());
        if (s == null) {
            return new QueryServer.Answer(503, QueryServer.error(503, "The task holding key '" + rawKey
                    + "' of store " + store + " is not running on this instance (" + self + ") right now; retry "
                    + "after the rebalance."));
        }
        List<String> windows = new ArrayList<>();
        if (s instanceof ReadOnlyWindowStore<?, ?> w) {
            try (WindowStoreIterator<Object> it = ((ReadOnlyWindowStore<Object, Object>) w).fetch(key,
                    Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))) {
                while (it.hasNext()) {
                    KeyValue<Long, Object> kv = it.next();
                    windows.add(window(kv.key, null, kv.value));
                }
            }
        } else if (s instanceof ReadOnlySessionStore<?, ?> ss) {
            try (KeyValueIterator<Windowed<Object>, Object> it = ((ReadOnlySessionStore<Object, Object>) ss)
                    .findSessions(key, from, to)) {
                while (it.hasNext()) {
                    KeyValue<Windowed<Object>, Object> kv = it.next();
                    windows.add(window(kv.key.window().start(), kv.key.window().end(), kv.value));
                }
            }
        } else {
            return new QueryServer.Answer(400, QueryServer.error(400, "Store " + store + " is not a window or "
                    + "session store; ask GET /stores/" + store + "/keys/{key} for its value"));
        }
        return new QueryServer.Answer(200, "{\"store\":" + QueryServer.json(store) + ",\"key\":"
                + QueryServer.json(key) + ",\"windows\":[" + String.join(",", windows) + "],\"host\":"
                + QueryServer.json(self.toString()) + "}");
    }

    private static String window(long start, Long end, Object value) {
        StringBuilder sb = new StringBuilder("{\"start\":").append(start);
        if (end != null) {
            sb.append(",\"end\":").append(end);
        }
        if (value instanceof ValueAndTimestamp<?> vt) {
            sb.append(",\"value\":").append(QueryServer.json(vt.value())).append(",\"timestamp\":")
                    .append(vt.timestamp());
        } else {
            sb.append(",\"value\":").append(QueryServer.json(value));
        }
        return sb.append('}').toString();
    }

    /** Epoch milliseconds or an ISO-8601 instant; {@code absent} when not given. */
    static long time(String raw, long absent, String name) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(raw.trim()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e2) {
                throw new IllegalArgumentException(name + " must be epoch milliseconds or an ISO-8601 instant such "
                        + "as 2026-12-05T13:00:00Z, but was '" + raw + "'");
            }
        }
    }
}
