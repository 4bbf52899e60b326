package dev.rill.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class SkippedSendsTest {
    private static ProducerRecord<byte[], byte[]> record(String topic, Integer partition, long ts, String key,
                                                         String value) {
        return new ProducerRecord<>(topic, partition, ts, bytes(key), bytes(value));
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private final SkippedSends skipped = new SkippedSends();

    @Test
    void matchesOnlyTheSameTopicPartitionTimestampKeyAndValue() {
        skipped.add(new SkippedSends.Entry(record("out", null, 5, "k", "v"), new RecordTooLargeException("big")));
        List<SkippedSends.Entry> none = List.of();
        assertThat(skipped.find(record("out", null, 5, "k", "v"), none)).isNotNull();
        assertThat(skipped.find(record("other", null, 5, "k", "v"), none)).isNull();
        assertThat(skipped.find(record("out", 0, 5, "k", "v"), none)).isNull();
        assertThat(skipped.find(record("out", null, 6, "k", "v"), none)).isNull();
        assertThat(skipped.find(record("out", null, 5, "k2", "v"), none)).isNull();
        assertThat(skipped.find(record("out", null, 5, "k", "v2"), none)).isNull();
        assertThat(skipped.find(record("out", null, 5, null, "v"), none)).isNull();
    }

    @Test
    void twoEqualFailuresAreSkippedOncePerTransactionEachAndUsedUpOnlyByACommit() {
        ProducerRecord<byte[], byte[]> r = record("out", null, 5, null, "v");
        skipped.add(new SkippedSends.Entry(r, new RecordTooLargeException("big")));
        skipped.add(new SkippedSends.Entry(r, new RecordTooLargeException("big")));
        List<SkippedSends.Entry> transaction = new ArrayList<>();
        SkippedSends.Entry first = skipped.find(r, transaction);
        transaction.add(first);
        SkippedSends.Entry second = skipped.find(r, transaction);
        assertThat(second).isNotNull().isNotSameAs(first);
        transaction.add(second);
        assertThat(skipped.find(r, transaction)).as("a third equal record is sent").isNull();

        // the transaction aborted: a replay skips both again
        assertThat(skipped.find(r, List.of())).isSameAs(first);

        skipped.committed(List.of(first));
        assertThat(skipped.find(r, List.of())).isSameAs(second);
        skipped.committed(List.of(second));
        assertThat(skipped.find(r, List.of())).isNull();
    }
}
