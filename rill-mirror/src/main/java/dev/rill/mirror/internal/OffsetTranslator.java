package dev.rill.mirror.internal;

import dev.rill.mirror.internal.MirrorFormats.OffsetSync;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Translates a consumer group's committed source offset to the target offset of the same position, from the
 * offset syncs written by {@link OffsetSyncEmitter} (read in the order they were written).
 *
 * <p>For a committed offset {@code c} (the next record to read): with the nearest sync at or below it,
 * {@code (u, d)}, the answer is {@code d + (c - u)}, capped by the target offset of the next sync above {@code c}
 * (the records between are contiguous, except for a gap just before that next sync, which the cap covers). Above
 * the last sync, replication may not have reached {@code c}; the answer is then the position just after the last
 * synced record, which re-reads rather than skips. Below the first sync nothing is known, and nothing is returned.
 */
public final class OffsetTranslator {
    private final Map<TopicPartition, NavigableMap<Long, Long>> syncs = new HashMap<>();

    /** Adds a sync; a sync below earlier ones (a replay after a task restart) replaces the history above it. */
    public synchronized void add(OffsetSync sync) {
        NavigableMap<Long, Long> partition = syncs.computeIfAbsent(sync.partition(), p -> new TreeMap<>());
        partition.tailMap(sync.upstreamOffset(), false).clear();
        partition.put(sync.upstreamOffset(), sync.downstreamOffset());
    }

    public synchronized OptionalLong translate(TopicPartition partition, long committed) {
        NavigableMap<Long, Long> known = syncs.get(partition);
        if (known == null) {
            return OptionalLong.empty();
        }
        Map.Entry<Long, Long> floor = known.floorEntry(committed);
        if (floor == null) {
            return OptionalLong.empty();
        }
        if (floor.getKey() == committed) {
            return OptionalLong.of(floor.getValue());
        }
        Map.Entry<Long, Long> ceiling = known.higherEntry(committed);
        if (ceiling == null) {
            return OptionalLong.of(floor.getValue() + 1);
        }
        return OptionalLong.of(Math.min(floor.getValue() + (committed - floor.getKey()), ceiling.getValue()));
    }
}
