package dev.rill.streams.internal.runtime;

import dev.rill.streams.internal.engine.RecordCollector;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.processor.TaskId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once: write caches through (their records go downstream), flush the producer until every record sent so
 * far is acknowledged, commit the consumed offsets with {@code commitSync}, then checkpoint the stores. A crash
 * between two commits replays the records since the last one: outputs may repeat, nothing is lost.
 */
final class AtLeastOnceCommitter implements Committer {
    private static final Logger LOG = LoggerFactory.getLogger(AtLeastOnceCommitter.class);
    /** Changelog records after which a commit also flushes stores to disk and writes a checkpoint. */
    static final long CHECKPOINT_MIN_RECORDS = 10_000;

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final RecordCollector collector;
    private final RepartitionPurger purger;

    AtLeastOnceCommitter(String name, Consumer<byte[], byte[]> consumer, RecordCollector collector,
                         RepartitionPurger purger) {
        this.name = name;
        this.consumer = consumer;
        this.collector = collector;
        this.purger = purger;
    }

    @Override
    public void commit(Collection<StreamTask> active, Collection<StreamTask> standbys, Set<TaskId> closing) {
        for (StreamTask standby : standbys) {
            standby.checkpointStandby();
        }
        if (active.isEmpty()) {
            return;
        }
        for (StreamTask task : active) {
            task.flushState();
        }
        collector.flush();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (StreamTask task : active) {
            offsets.putAll(task.uncommittedOffsets());
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
            for (StreamTask task : active) {
                task.markCommitted(offsets);
            }
            purger.committed(offsets, System.currentTimeMillis());
            LOG.debug("{} committed {}", name, offsets);
        }
        Map<TopicPartition, Long> produced = collector.producedOffsets();
        for (StreamTask task : active) {
            task.checkpoint(produced, closing.contains(task.id()) ? 0 : CHECKPOINT_MIN_RECORDS);
        }
    }
}
