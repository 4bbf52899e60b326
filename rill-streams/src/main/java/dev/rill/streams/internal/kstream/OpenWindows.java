package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Windowed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The windows of an onWindowClose aggregation that were written but not emitted yet, with their latest values,
 * ordered as Kafka Streams emits them: by a window's order time (start for time and sliding windows, end for
 * sessions), then serialized key bytes, then start. Emitting takes the head up to the close time, so an emission
 * costs O(windows closed since the last one) whatever the store holds, and does not depend on what the store still
 * shows of windows past retention. Rebuilt from the store when the task starts.
 */
final class OpenWindows<K, V> {
    /** A window waiting for its close, with its latest value and timestamp. */
    record Pending<K, V>(Windowed<K> key, V value, long timestamp) {
    }

    private record Position(long orderTime, byte[] key, long start) implements Comparable<Position> {
        @Override
        public int compareTo(Position o) {
            int c = Long.compare(orderTime, o.orderTime);
            if (c == 0) {
                c = Arrays.compareUnsigned(key, o.key);
            }
            return c != 0 ? c : Long.compare(start, o.start);
        }
    }

    private final TreeMap<Position, Pending<K, V>> ordered = new TreeMap<>();
    private final Map<Windowed<K>, Position> positions = new HashMap<>();
    private final boolean byEnd;
    private Serializer<K> keySerializer;
    private String topic;

    /** @param byEnd order by window end (sessions) rather than start */
    OpenWindows(boolean byEnd) {
        this.byEnd = byEnd;
    }

    void init(Serializer<K> keySerializer, String topic) {
        this.keySerializer = keySerializer;
        this.topic = topic;
    }

    /** Records the window's latest value (a new window or an update). */
    void put(Windowed<K> key, V value, long timestamp) {
        Position at = positions.computeIfAbsent(key, k -> new Position(
                byEnd ? k.window().end() : k.window().start(), keySerializer.serialize(topic, k.key()),
                k.window().start()));
        ordered.put(at, new Pending<>(key, value, timestamp));
    }

    /** Forgets a window (a session merged into another). */
    void remove(Windowed<K> key) {
        Position at = positions.remove(key);
        if (at != null) {
            ordered.remove(at);
        }
    }

    /** Removes and returns, in emission order, the windows whose order time is at most {@code upper}. */
    List<Pending<K, V>> takeUpTo(long upper) {
        List<Pending<K, V>> out = new ArrayList<>();
        Iterator<Map.Entry<Position, Pending<K, V>>> it = ordered.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Position, Pending<K, V>> e = it.next();
            if (e.getKey().orderTime() > upper) {
                break;
            }
            out.add(e.getValue());
            positions.remove(e.getValue().key());
            it.remove();
        }
        return out;
    }
}
