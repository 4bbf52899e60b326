package dev.rill.streams.internal.kstream;

import dev.rill.streams.internal.state.CacheForwarding;
import dev.rill.streams.internal.state.WindowCacheForwarding;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.SimpleHeaders;
import dev.rill.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.header.Headers;

/**
 * Connects a windowed aggregation's store cache to the downstream: when the store has an active write cache, the
 * cache forwards each window's merged updates when it writes them through (with the timestamp and headers of the last
 * write), and the processor forwards nothing itself.
 */
final class WindowedForwarders {
    private WindowedForwarders() {
    }

    /** For a timestamped window store: returns whether its cache now forwards the updates. */
    @SuppressWarnings("unchecked")
    static <K, VA> boolean viaWindowCache(Object store, ProcessorContext<Windowed<K>, Change<VA>> context) {
        if (!(store instanceof WindowCacheForwarding<?, ?> w)) {
            return false;
        }
        return ((WindowCacheForwarding<K, ValueAndTimestamp<VA>>) w).setFlushListener((key, nv, ov, ts, headers) ->
                context.forward(new Record<>(key, new Change<>(ValueAndTimestamp.getValueOrNull(nv),
                        ValueAndTimestamp.getValueOrNull(ov)), nv != null ? nv.timestamp() : ts, orEmpty(headers))),
                true);
    }

    /** For a session store: returns whether its cache now forwards the updates (stamped with the session end). */
    @SuppressWarnings("unchecked")
    static <K, VA> boolean viaSessionCache(Object store, ProcessorContext<Windowed<K>, Change<VA>> context) {
        if (!(store instanceof CacheForwarding<?, ?> c)) {
            return false;
        }
        return ((CacheForwarding<Windowed<K>, VA>) c).setFlushListener((key, nv, ov, ts, headers) ->
                context.forward(new Record<>(key, new Change<>(nv, ov), key.window().end(), orEmpty(headers))), true);
    }

    private static Headers orEmpty(Headers headers) {
        return headers == null ? new SimpleHeaders() : headers;
    }
}
