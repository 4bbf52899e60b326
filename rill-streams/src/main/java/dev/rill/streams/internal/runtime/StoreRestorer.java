package dev.rill.streams.internal.runtime;

import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.internal.engine.TaskStateManager;
import dev.rill.streams.processor.StateRestoreListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the stores of newly assigned tasks up to date from their changelog partitions before the tasks process:
 * reads each partition from the checkpoint (persistent stores) or the beginning to the end offset seen at start,
 * writing every fetched batch at once (a RocksDB WriteBatch without WAL).
 */
final class StoreRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRestorer.class);

    private StoreRestorer() {
    }

    static void restore(Consumer<byte[], byte[]> consumer, Collection<StreamTask> tasks, StateRestoreListener listener) {
        Map<TopicPartition, TaskStateManager> owners = new HashMap<>();
        Map<TopicPartition, String> storeNames = new HashMap<>();
        for (StreamTask t : tasks) {
            TaskStateManager sm = t.stateManager();
            sm.loggedStores().forEach((tp, l) -> {
                owners.put(tp, sm);
                storeNames.put(tp, l.storeName());
            });
        }
        if (owners.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(owners.keySet(), Duration.ofSeconds(60));
        Set<TopicPartition> remaining = new HashSet<>();
        Map<TopicPartition, Long> starts = new HashMap<>();
        Map<TopicPartition, Long> restored = new HashMap<>();
        for (TopicPartition tp : owners.keySet()) {
            long end = ends.getOrDefault(tp, 0L);
            long start = owners.get(tp).restoreStartOffset(tp);
            if (start > end) {
                LOG.warn("Checkpoint {} of {} is beyond the changelog end {}; restoring from the beginning", start, tp, end);
                start = 0;
            }
            if (start >= end) {
                owners.get(tp).restored(tp, end);
                continue;
            }
            starts.put(tp, start);
            remaining.add(tp);
            restored.put(tp, 0L);
            listener.onRestoreStart(tp, storeNames.get(tp), start, end);
        }
        long begin = System.nanoTime();
        // only partitions with something to restore are assigned: every assigned partition needs a position
        consumer.assign(remaining);
        starts.forEach(consumer::seek);
        while (!remaining.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
            for (TopicPartition tp : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
                List<byte[][]> kvs = new ArrayList<>(batch.size());
                long end = ends.get(tp);
                long last = -1;
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    if (r.offset() >= end) {
                        break;
                    }
                    kvs.add(new byte[][] {r.key(), r.value()});
                    last = r.offset();
                }
                if (!kvs.isEmpty()) {
                    owners.get(tp).restoreBatch(tp, kvs);
                    long n = restored.merge(tp, (long) kvs.size(), Long::sum);
                    listener.onBatchRestored(tp, storeNames.get(tp), last, kvs.size());
                    if (last + 1 >= end) {
                        finish(tp, owners, end, n, storeNames, listener, remaining, consumer);
                    }
                }
            }
            for (TopicPartition tp : new ArrayList<>(remaining)) {
                if (consumer.position(tp) >= ends.get(tp)) {
                    finish(tp, owners, ends.get(tp), restored.get(tp), storeNames, listener, remaining, consumer);
                }
            }
        }
        consumer.assign(List.of());
        LOG.info("Restored {} changelog partitions ({} records) in {} ms", restored.size(),
                restored.values().stream().mapToLong(Long::longValue).sum(), (System.nanoTime() - begin) / 1_000_000);
    }

    private static void finish(TopicPartition tp, Map<TopicPartition, TaskStateManager> owners, long end, long n,
                               Map<TopicPartition, String> names, StateRestoreListener listener,
                               Set<TopicPartition> remaining, Consumer<byte[], byte[]> consumer) {
        if (remaining.remove(tp)) {
            owners.get(tp).restored(tp, end);
            consumer.pause(List.of(tp));
            listener.onRestoreEnd(tp, names.get(tp), n);
        }
    }


    /** A listener that does nothing. */
    static final StateRestoreListener NONE = new StateRestoreListener() {
        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        }
    };
}
