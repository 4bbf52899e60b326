package dev.rill.streams.probe;

import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A manual, rough side-by-side of the filter topology on Rill and on Apache Kafka Streams (not a test, no assertion;
 * the real benchmark lives in rill-bench). Run with the test class path: args = records, rounds.
 */
public final class ThroughputProbe {
    private ThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args.length > 0 ? args[0] : "2000000");
        int rounds = Integer.parseInt(args.length > 1 ? args[1] : "2");
        String which = args.length > 2 ? args[2] : "both";
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().brokers(1).start()) {
            String in = cluster.newTopic("probe-in", 4);
            produce(cluster.bootstrapServers(), in, records);
            for (int r = 0; r < rounds; r++) {
                if (!which.equals("apache")) {
                    System.out.printf("round %d rill   %.0f rec/s%n", r, run(cluster, in, records, true));
                }
                if (!which.equals("rill")) {
                    System.out.printf("round %d apache %.0f rec/s%n", r, run(cluster, in, records, false));
                }
            }
        }
        System.exit(0);
    }

    static void produce(String bootstrap, String topic, int n) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        String pad = "x".repeat(90);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, i % 10 == 0 ? "unknown" : "user-" + (i % 1000), pad + i));
            }
        }
    }

    static double run(EmbeddedKafkaCluster cluster, String in, int records, boolean rill) throws Exception {
        String appId = (rill ? "rill-" : "apache-") + UUID.randomUUID();
        String out = cluster.newTopic("probe-out", 4);
        Properties p = new Properties();
        p.put("application.id", appId);
        p.put("bootstrap.servers", cluster.bootstrapServers());
        p.put("default.key.serde", Serdes.StringSerde.class);
        p.put("default.value.serde", Serdes.StringSerde.class);
        p.put("commit.interval.ms", 1000);
        p.put("num.stream.threads", 1);
        long start = System.nanoTime();
        AutoCloseable app;
        if (rill) {
            dev.rill.streams.StreamsBuilder b = new dev.rill.streams.StreamsBuilder();
            b.<String, String>stream(in).filter((k, v) -> k.equals("unknown")).to(out);
            dev.rill.streams.RillStreams s = new dev.rill.streams.RillStreams(b.build(), p);
            s.start();
            app = s;
        } else {
            org.apache.kafka.streams.StreamsBuilder b = new org.apache.kafka.streams.StreamsBuilder();
            b.<String, String>stream(in).filter((k, v) -> k.equals("unknown")).to(out);
            org.apache.kafka.streams.KafkaStreams s = new org.apache.kafka.streams.KafkaStreams(b.build(), p);
            s.start();
            app = s;
        }
        try (Admin admin = cluster.admin()) {
            Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
            for (int i = 0; i < 4; i++) {
                ends.put(new TopicPartition(in, i), OffsetSpec.latest());
            }
            long end = admin.listOffsets(ends).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets(appId)
                        .partitionsToOffsetAndMetadata().get();
                long done = c.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                if (done >= end) {
                    break;
                }
                Thread.sleep(50);
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        app.close();
        return records / secs;
    }
}
