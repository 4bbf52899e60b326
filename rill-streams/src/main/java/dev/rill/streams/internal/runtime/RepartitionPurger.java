package dev.rill.streams.internal.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes records of repartition topics once their offsets are committed, every
 * {@code repartition.purge.interval.ms}, so repartition topics do not grow without bound. Fire and forget: a failed
 * deletion is logged and retried with the next interval's offsets.
 */
final class RepartitionPurger {
    private static final Logger LOG = LoggerFactory.getLogger(RepartitionPurger.class);

    private final Admin admin;
    private final Set<String> repartitionTopics;
    private final long intervalMs;
    private final Map<TopicPartition, Long> pending = new HashMap<>();
    private long lastPurgeMs;

    RepartitionPurger(Admin admin, Set<String> repartitionTopics, long intervalMs) {
        this.admin = admin;
        this.repartitionTopics = Set.copyOf(repartitionTopics);
        this.intervalMs = intervalMs;
        this.lastPurgeMs = System.currentTimeMillis();
    }

    /** Called after every successful commit. */
    void committed(Map<TopicPartition, OffsetAndMetadata> offsets, long now) {
        if (repartitionTopics.isEmpty()) {
            return;
        }
        offsets.forEach((tp, om) -> {
            if (repartitionTopics.contains(tp.topic())) {
                pending.put(tp, om.offset());
            }
        });
        if (pending.isEmpty() || now - lastPurgeMs < intervalMs) {
            return;
        }
        Map<TopicPartition, RecordsToDelete> request = new HashMap<>();
        pending.forEach((tp, offset) -> request.put(tp, RecordsToDelete.beforeOffset(offset)));
        pending.clear();
        lastPurgeMs = now;
        admin.deleteRecords(request).all().whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("Purging committed records of repartition topics failed (retried next interval): {}",
                        error.toString());
            } else {
                LOG.debug("Purged repartition topics up to {}", request.keySet());
            }
        });
    }
}
