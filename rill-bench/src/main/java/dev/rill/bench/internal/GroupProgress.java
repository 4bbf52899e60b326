package dev.rill.bench.internal;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** How far a consumer group has committed its way through the input. */
record GroupProgress(long committedRecords, long remainingRecords, boolean anyCommit) {

    boolean done() {
        return remainingRecords == 0;
    }

    /** Compares a group's committed offsets with the input's end offsets. */
    static GroupProgress of(Map<TopicPartition, Long> endOffsets, Map<TopicPartition, OffsetAndMetadata> committed) {
        long done = 0;
        long remaining = 0;
        boolean any = false;
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            long position = offset == null ? 0 : Math.min(offset.offset(), end.getValue());
            any |= offset != null;
            done += position;
            remaining += end.getValue() - position;
        }
        return new GroupProgress(done, remaining, any);
    }

    /** Progress a scenario counted itself ({@link dev.rill.bench.ProgressProbe}): the first record counts as a commit. */
    static GroupProgress ofRecords(long recordsDone, long inputRecords) {
        long done = Math.max(0, Math.min(recordsDone, inputRecords));
        return new GroupProgress(done, inputRecords - done, done > 0);
    }

    /** Asks the broker for the group's committed offsets. */
    static GroupProgress query(Admin admin, String groupId, Map<TopicPartition, Long> endOffsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return of(endOffsets, committed);
    }
}
