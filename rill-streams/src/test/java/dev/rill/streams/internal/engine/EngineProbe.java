package dev.rill.streams.internal.engine;

import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.internal.topology.TopologyAccess;
import dev.rill.streams.processor.TaskId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;

/** Manual probe of the task engine's per-record cost on the filter topology, without a broker (no assertions). */
public final class EngineProbe {
    private EngineProbe() {
    }

    public static void main(String[] args) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").filter((k, v) -> k.equals("unknown")).to("out");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "probe");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "x:1");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        StreamsConfig config = new StreamsConfig(p);
        long[] sent = new long[1];
        RecordCollector collector = new RecordCollector() {
            @Override
            public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
                             ErrorOrigin origin) {
                sent[0]++;
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
        TaskMetrics metrics = new TaskMetrics();
        StreamTask task = new TaskFactory(TopologyAccess.builderOf(b.build()), config)
                .create(new TaskId(0, 0), List.of(new TopicPartition("in", 0)), collector,
                        new ErrorHandling(config, metrics), metrics, () -> 0L);
        task.initialize();
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        String pad = "x".repeat(90);
        for (int i = 0; i < 2000; i++) {
            byte[] k = (i % 10 == 0 ? "unknown" : "user-" + i).getBytes(StandardCharsets.UTF_8);
            byte[] v = (pad + i).getBytes(StandardCharsets.UTF_8);
            batch.add(new ConsumerRecord<>("in", 0, i, 1000L + i, TimestampType.CREATE_TIME, k.length, v.length, k, v,
                    new dev.rill.streams.processor.api.SimpleHeaders(), Optional.empty()));
        }
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            int n = 0;
            for (int i = 0; i < 2500; i++) {
                task.addRecords(new TopicPartition("in", 0), batch);
                n += task.process(Integer.MAX_VALUE);
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %.1f M rec/s (sent %d)%n", round, n / secs / 1e6, sent[0]);
        }
    }
}
