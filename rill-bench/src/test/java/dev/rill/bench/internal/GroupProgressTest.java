package dev.rill.bench.internal;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GroupProgressTest {

    private static final TopicPartition P0 = new TopicPartition("payment", 0);
    private static final TopicPartition P1 = new TopicPartition("payment", 1);
    private static final Map<TopicPartition, Long> END = Map.of(P0, 100L, P1, 50L);

    @Test
    void shouldNotBeDoneBeforeTheFirstCommit() {
        GroupProgress progress = GroupProgress.of(END, Map.of());

        assertThat(progress.anyCommit()).isFalse();
        assertThat(progress.remainingRecords()).isEqualTo(150);
        assertThat(progress.done()).isFalse();
    }

    @Test
    void shouldNotBeDoneWhileOnePartitionHasNoCommit() {
        GroupProgress progress = GroupProgress.of(END, Map.of(P0, new OffsetAndMetadata(100)));

        assertThat(progress.anyCommit()).isTrue();
        assertThat(progress.committedRecords()).isEqualTo(100);
        assertThat(progress.done()).isFalse();
    }

    @Test
    void shouldBeDoneWhenEveryPartitionIsCommittedToItsEnd() {
        GroupProgress progress = GroupProgress.of(END, Map.of(P0, new OffsetAndMetadata(100), P1, new OffsetAndMetadata(50),
                new TopicPartition("other", 0), new OffsetAndMetadata(7)));

        assertThat(progress.done()).isTrue();
        assertThat(progress.committedRecords()).isEqualTo(150);
    }

    @Test
    void shouldNotCountOffsetsBeyondTheEndTwice() {
        // e.g. a transaction marker after the last record moves the committed offset one past the end
        GroupProgress progress = GroupProgress.of(END, Map.of(P0, new OffsetAndMetadata(101), P1, new OffsetAndMetadata(49)));

        assertThat(progress.committedRecords()).isEqualTo(149);
        assertThat(progress.remainingRecords()).isEqualTo(1);
    }

    @Test
    void shouldTakeRecordsCountedByTheScenarioWithTheFirstRecordAsTheFirstCommit() {
        assertThat(GroupProgress.ofRecords(0, 150).anyCommit()).isFalse();
        GroupProgress some = GroupProgress.ofRecords(40, 150);
        assertThat(some.anyCommit()).isTrue();
        assertThat(some.committedRecords()).isEqualTo(40);
        assertThat(some.done()).isFalse();
        assertThat(GroupProgress.ofRecords(150, 150).done()).isTrue();
    }
}
