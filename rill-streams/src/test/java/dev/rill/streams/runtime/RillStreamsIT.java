package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.kstream.Repartitioned;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runtime on a real embedded broker: lifecycle, output, repartitioning, validation, commits on close. */
class RillStreamsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private final List<RillStreams> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    static Properties props(String appId) {
        return props(appId, KAFKA.bootstrapServers());
    }

    static Properties props(String appId, String bootstrap) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        return p;
    }

    static void produce(String topic, List<String[]> keyValues) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String[] kv : keyValues) {
                producer.send(new ProducerRecord<>(topic, kv[0], kv[1]));
            }
        }
    }

    static List<ConsumerRecord<String, String>> consumeAtLeast(String topic, int n) {
        return consumeAtLeast(KAFKA.bootstrapServers(), topic, n, new StringDeserializer(), new StringDeserializer());
    }

    static <K, V> List<ConsumerRecord<K, V>> consumeAtLeast(String bootstrap, String topic, int n,
                                                            org.apache.kafka.common.serialization.Deserializer<K> kd,
                                                            org.apache.kafka.common.serialization.Deserializer<V> vd) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> c = new KafkaConsumer<>(p, kd, vd)) {
            c.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= n;
            });
        }
        return out;
    }

    private RillStreams start(StreamsBuilder builder, Properties props, List<RillStreams.State> states) {
        RillStreams s = new RillStreams(builder.build(), props);
        if (states != null) {
            s.setStateListener((n, o) -> states.add(n));
        }
        started.add(s);
        s.start();
        return s;
    }

    @Test
    void filterAppRunsAndReachesRunningThenNotRunningOnClose() {
        String in = KAFKA.cluster().newTopic("payment", 2);
        String out = KAFKA.cluster().newTopic("unknown-payment", 1);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).filter((k, v) -> k.equals("unknown")).to(out);
        List<RillStreams.State> states = new CopyOnWriteArrayList<>();
        RillStreams s = start(b, props("filter-" + UUID.randomUUID()), states);
        produce(in, List.of(new String[]{"unknown", "1"}, new String[]{"alice", "2"}, new String[]{"unknown", "3"}));
        List<ConsumerRecord<String, String>> got = consumeAtLeast(out, 2);
        assertThat(got).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("1", "3");
        await().atMost(Duration.ofSeconds(30)).until(() -> s.state() == RillStreams.State.RUNNING);
        assertThat(s.close(Duration.ofSeconds(30))).isTrue();
        assertThat(states).startsWith(RillStreams.State.REBALANCING).contains(RillStreams.State.RUNNING)
                .endsWith(RillStreams.State.PENDING_SHUTDOWN, RillStreams.State.NOT_RUNNING);
        assertThat(s.processedRecords()).isEqualTo(3);
    }

    @Test
    void closeCommitsConsumedOffsetsAndLeavesTheGroup() throws Exception {
        String in = KAFKA.cluster().newTopic("commit-in", 2);
        String out = KAFKA.cluster().newTopic("commit-out", 1);
        String appId = "commit-" + UUID.randomUUID();
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).to(out);
        Properties p = props(appId);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 600_000);
        RillStreams s = start(b, p, null);
        List<String[]> input = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            input.add(new String[]{"k" + i, "v" + i});
        }
        produce(in, input);
        consumeAtLeast(out, 20);
        s.close(Duration.ofSeconds(30));
        try (Admin admin = KAFKA.cluster().admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(20);
            assertThat(admin.describeConsumerGroups(List.of(appId)).all().get().get(appId).members()).isEmpty();
        }
    }

    @Test
    void repartitionCreatesNamedTopicWithRequestedPartitionsAndRoutesByNewKey() throws Exception {
        String in = KAFKA.cluster().newTopic("rp-in", 2);
        String out = KAFKA.cluster().newTopic("rp-out", 1);
        String appId = "rp-" + UUID.randomUUID();
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).selectKey((k, v) -> v)
                .repartition(Repartitioned.<String, String>as("by-value").withNumberOfPartitions(3))
                .mapValues((k, v) -> k + "!").to(out);
        Properties p = props(appId);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        p.put(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, 100);
        start(b, p, null);
        produce(in, List.of(new String[]{"a", "x"}, new String[]{"b", "y"}, new String[]{"c", "z"}));
        List<ConsumerRecord<String, String>> got = consumeAtLeast(out, 3);
        assertThat(got).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("x", "y", "z");
        assertThat(got).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("x!", "y!", "z!");
        try (Admin admin = KAFKA.cluster().admin()) {
            String topic = appId + "-by-value-repartition";
            assertThat(admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> earliest = new java.util.HashMap<>();
            for (int i = 0; i < 3; i++) {
                earliest.put(new TopicPartition(topic, i), org.apache.kafka.clients.admin.OffsetSpec.earliest());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.listOffsets(earliest).all().get().values().stream()
                    .mapToLong(o -> o.offset()).sum() == 3);
        }
    }

    @Test
    void notCoPartitionedSourcesFailStartWithClearError() {
        String a = KAFKA.cluster().newTopic("copart-a", 2);
        String c = KAFKA.cluster().newTopic("copart-b", 3);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(a).merge(b.stream(c)).to("ignored");
        RillStreams s = new RillStreams(b.build(), props("copart-" + UUID.randomUUID()));
        started.add(s);
        assertThatThrownBy(s::start).isInstanceOf(TopologyException.class)
                .hasMessageContaining("not co-partitioned").hasMessageContaining(a + "=2").hasMessageContaining(c + "=3");
        assertThat(s.state()).isEqualTo(RillStreams.State.ERROR);
    }

    @Test
    void missingSourceTopicFailsStart() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("no-such-topic-" + UUID.randomUUID()).to("ignored");
        RillStreams s = new RillStreams(b.build(), props("missing-" + UUID.randomUUID()));
        started.add(s);
        assertThatThrownBy(s::start).hasMessageContaining("does not exist");
    }

    @Test
    void replaceThreadKeepsTheInstanceRunningAfterAProcessorFailure() {
        String in = KAFKA.cluster().newTopic("replace-in", 1);
        String out = KAFKA.cluster().newTopic("replace-out", 1);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).peek((k, v) -> {
            if (v.equals("boom") && failures.isEmpty()) {
                failures.add(v);
                throw new IllegalStateException("first time boom");
            }
        }).to(out);
        RillStreams s = new RillStreams(b.build(), props("replace-" + UUID.randomUUID()));
        s.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.REPLACE_THREAD);
        started.add(s);
        s.start();
        produce(in, List.of(new String[]{"k", "ok"}, new String[]{"k", "boom"}, new String[]{"k", "after"}));
        List<ConsumerRecord<String, String>> got = consumeAtLeast(out, 3);
        assertThat(got).extracting(ConsumerRecord::value).contains("ok", "boom", "after");
        assertThat(s.state().isRunningOrRebalancing()).isTrue();
    }

    @Test
    void shutdownApplicationStopsEveryInstanceOfTheApplication() {
        String in = KAFKA.cluster().newTopic("shutdown-app-in", 2);
        String appId = "shutdown-app-" + UUID.randomUUID();
        List<RillStreams> instances = new ArrayList<>();
        for (String client : List.of("first", "second")) {
            StreamsBuilder b = new StreamsBuilder();
            b.<String, String>stream(in).foreach((k, v) -> {
                if (v.equals("die")) {
                    throw new IllegalStateException("poison value");
                }
            });
            Properties p = props(appId);
            p.put(StreamsConfig.CLIENT_ID_CONFIG, client);
            RillStreams s = new RillStreams(b.build(), p);
            s.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.SHUTDOWN_APPLICATION);
            started.add(s);
            instances.add(s);
            s.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> instances.stream()
                .allMatch(s -> s.state() == RillStreams.State.RUNNING)
                && instances.stream().allMatch(s -> !s.threadTasks().values().iterator().next().isEmpty()));
        produce(in, List.<String[]>of(new String[]{"k", "die"}));
        await().atMost(Duration.ofSeconds(60)).until(() -> instances.stream()
                .allMatch(s -> s.state() == RillStreams.State.ERROR));
    }

    @Test
    void aProcessorsCommitRequestCommitsWithoutWaitingForTheInterval() throws Exception {
        String in = KAFKA.cluster().newTopic("commit-request-in", 1);
        String appId = "commit-request-" + UUID.randomUUID();
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).process(() -> new dev.rill.streams.processor.api.Processor<String, String, Void, Void>() {
            private dev.rill.streams.processor.api.ProcessorContext<Void, Void> ctx;

            @Override
            public void init(dev.rill.streams.processor.api.ProcessorContext<Void, Void> context) {
                ctx = context;
            }

            @Override
            public void process(dev.rill.streams.processor.api.Record<String, String> r) {
                if (r.value().equals("commit-now")) {
                    ctx.commit();
                }
            }
        });
        Properties p = props(appId);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 3_600_000);
        start(b, p, null);
        produce(in, List.of(new String[]{"k", "a"}, new String[]{"k", "b"}, new String[]{"k", "commit-now"}));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Admin admin = KAFKA.cluster().admin()) {
                OffsetAndMetadata o = admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get()
                        .get(new TopicPartition(in, 0));
                return o != null && o.offset() == 3;
            }
        });
    }

    @Test
    void staticMembershipGivesEachThreadItsOwnInstanceId() throws Exception {
        String in = KAFKA.cluster().newTopic("static-in", 2);
        String appId = "static-" + UUID.randomUUID();
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in).foreach((k, v) -> { });
        Properties p = props(appId);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        p.put(StreamsConfig.consumerPrefix("group.instance.id"), "node-a");
        RillStreams s = start(b, p, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> s.state() == RillStreams.State.RUNNING);
        try (Admin admin = KAFKA.cluster().admin()) {
            var members = admin.describeConsumerGroups(List.of(appId)).all().get().get(appId).members();
            assertThat(members).extracting(m -> m.groupInstanceId().orElse(null))
                    .containsExactlyInAnyOrder("node-a-1", "node-a-2");
        }
    }

    @Test
    void invalidConfigurationReportsEveryBadKeyAtOnce() {
        Properties p = new Properties();
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "zero");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, "com.example.Missing");
        assertThatThrownBy(() -> new RillStreams(new StreamsBuilder().build(), p))
                .hasMessageContaining("5 problems").hasMessageContaining("application.id")
                .hasMessageContaining("bootstrap.servers").hasMessageContaining("num.stream.threads=zero")
                .hasMessageContaining("exactly_once_v2").hasMessageContaining("com.example.Missing");
    }
}
