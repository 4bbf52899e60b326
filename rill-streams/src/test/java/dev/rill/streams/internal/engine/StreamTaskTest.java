package dev.rill.streams.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.internal.topology.TopologyAccess;
import dev.rill.streams.processor.TaskId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class StreamTaskTest {
    private final List<String> sent = new ArrayList<>();
    private final RecordCollector collector = new RecordCollector() {
        @Override
        public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
                         ErrorOrigin origin) {
            sent.add(new String(value, StandardCharsets.UTF_8) + "@" + timestamp);
        }

        @Override
        public int partitionCount(String topic) {
            return 1;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private StreamTask mergeTask(TaskMetrics metrics) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("a").merge(b.stream("b")).to("out");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "x:1");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        StreamsConfig config = new StreamsConfig(p);
        TaskFactory f = new TaskFactory(TopologyAccess.builderOf(b.build()), config);
        StreamTask task = f.create(new TaskId(0, 1), List.of(new TopicPartition("a", 1), new TopicPartition("b", 1)),
                collector, new ErrorHandling(config, metrics), metrics, () -> 0L);
        task.initialize();
        return task;
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(String topic, long firstOffset, long... timestamps) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int i = 0; i < timestamps.length; i++) {
            byte[] v = (topic + timestamps[i]).getBytes(StandardCharsets.UTF_8);
            out.add(new ConsumerRecord<>(topic, 1, firstOffset + i, timestamps[i], TimestampType.CREATE_TIME, 1, v.length,
                    "k".getBytes(StandardCharsets.UTF_8), v, new dev.rill.streams.processor.api.SimpleHeaders(),
                    Optional.empty()));
        }
        return out;
    }

    @Test
    void recordsOfSeveralPartitionsAreProcessedInTimestampOrder() {
        TaskMetrics metrics = new TaskMetrics();
        StreamTask task = mergeTask(metrics);
        task.addRecords(new TopicPartition("a", 1), records("a", 0, 10, 30, 50));
        task.addRecords(new TopicPartition("b", 1), records("b", 7, 20, 25, 60));
        assertThat(task.process(Integer.MAX_VALUE)).isEqualTo(6);
        assertThat(sent).containsExactly("a10@10", "b20@20", "b25@25", "a30@30", "a50@50", "b60@60");
        assertThat(task.streamTime()).isEqualTo(60);
        assertThat(metrics.processed()).isEqualTo(6);
    }

    @Test
    void committableOffsetsAreTheNextOffsetOfFullyProcessedRecordsOnly() {
        StreamTask task = mergeTask(new TaskMetrics());
        task.addRecords(new TopicPartition("a", 1), records("a", 100, 10, 30));
        task.addRecords(new TopicPartition("b", 1), records("b", 7, 20));
        task.process(2);
        Map<TopicPartition, OffsetAndMetadata> offsets = task.uncommittedOffsets();
        assertThat(offsets).containsOnly(Map.entry(new TopicPartition("a", 1), new OffsetAndMetadata(101)),
                Map.entry(new TopicPartition("b", 1), new OffsetAndMetadata(8)));
        task.markCommitted(offsets);
        assertThat(task.uncommittedOffsets()).isEmpty();
        task.process(1);
        assertThat(task.uncommittedOffsets()).containsOnly(Map.entry(new TopicPartition("a", 1), new OffsetAndMetadata(102)));
    }

    @Test
    void aTaskRejectsPartitionsItDoesNotOwnAndCannotBeInitializedTwice() {
        StreamTask task = mergeTask(new TaskMetrics());
        assertThatThrownBy(() -> task.addRecords(new TopicPartition("a", 0), records("a", 0, 1)))
                .hasMessageContaining("does not own partition a-0");
        assertThatThrownBy(task::initialize).hasMessageContaining("cannot move from state RUNNING to state RUNNING");
    }
}
