package dev.rill.mirror.internal;

import dev.rill.mirror.internal.MirrorFormats.OffsetSync;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides which offset syncs to write so that every committed source offset translates exactly.
 *
 * <p>Within one partition, replicated records keep their order, so between two syncs the target offset is the
 * source offset plus a constant (the sync's {@code downstream - upstream}). A sync is written for the first record
 * acknowledged in a partition and whenever that difference changes (a gap in the source offsets from transaction
 * markers, compaction or retention; a gap on the target; a replay after a restart). The translator interpolates
 * between syncs and is exact for every offset it can see. Progress syncs (every {@code offset.lag.max} records of
 * a partition, and at each offset commit of the task) only tell the translator how far replication has reached.
 * Cost: one small record per change of difference plus one per {@code offset.lag.max} records per partition, the
 * same order as MirrorMaker 2's syncs, which are exact only where a sync happens to lie.
 */
public final class OffsetSyncEmitter {
    private record Position(long upstream, long downstream) {
        long delta() {
            return downstream - upstream;
        }
    }

    private final long lagMax;
    private final Consumer<OffsetSync> sink;
    private final Map<TopicPartition, Position> lastSync = new HashMap<>();
    private final Map<TopicPartition, Position> lastAck = new HashMap<>();

    public OffsetSyncEmitter(long lagMax, Consumer<OffsetSync> sink) {
        this.lagMax = lagMax;
        this.sink = sink;
    }

    /** Record {@code upstream} of {@code partition} was written at {@code downstream} on the target. */
    public synchronized void acknowledged(TopicPartition partition, long upstream, long downstream) {
        Position position = new Position(upstream, downstream);
        Position synced = lastSync.get(partition);
        lastAck.put(partition, position);
        if (synced == null || synced.delta() != position.delta() || upstream <= synced.upstream()
                || upstream - synced.upstream() >= lagMax) {
            emit(partition, position);
        }
    }

    /** Writes a progress sync for every partition whose last acknowledged record has none yet. */
    public synchronized void flush() {
        for (Map.Entry<TopicPartition, Position> e : lastAck.entrySet()) {
            if (!e.getValue().equals(lastSync.get(e.getKey()))) {
                emit(e.getKey(), e.getValue());
            }
        }
    }

    /** Forgets a partition this task no longer replicates. */
    public synchronized void forget(TopicPartition partition) {
        lastSync.remove(partition);
        lastAck.remove(partition);
    }

    private void emit(TopicPartition partition, Position position) {
        lastSync.put(partition, position);
        sink.accept(new OffsetSync(partition, position.upstream(), position.downstream()));
    }
}
