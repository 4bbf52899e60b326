package dev.rill.streams.internal.engine;

import java.util.ArrayDeque;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Buffered input of one partition of a task, plus the partition's time and the next offset to commit. */
final class PartitionQueue {
    final TopicPartition partition;
    final SourceNode source;
    private final ArrayDeque<StampedRecord> records = new ArrayDeque<>();
    private long partitionTime = -1;
    private long nextOffset = -1;
    private long committedOffset = -1;

    PartitionQueue(TopicPartition partition, SourceNode source) {
        this.partition = partition;
        this.source = source;
    }

    void addAll(List<ConsumerRecord<byte[], byte[]>> batch) {
        for (ConsumerRecord<byte[], byte[]> raw : batch) {
            StampedRecord r = source.stamp(raw, partitionTime);
            if (r.timestamp > partitionTime) {
                partitionTime = r.timestamp;
            }
            records.add(r);
        }
    }

    StampedRecord peek() {
        return records.peek();
    }

    StampedRecord poll() {
        StampedRecord r = records.poll();
        if (r != null) {
            nextOffset = r.raw.offset() + 1;
        }
        return r;
    }

    int size() {
        return records.size();
    }

    /** The offset to commit, or -1 if nothing was consumed since the last commit. */
    long uncommittedOffset() {
        return nextOffset > committedOffset ? nextOffset : -1;
    }

    void markCommitted(long offset) {
        committedOffset = offset;
    }

    long partitionTime() {
        return partitionTime;
    }
}
