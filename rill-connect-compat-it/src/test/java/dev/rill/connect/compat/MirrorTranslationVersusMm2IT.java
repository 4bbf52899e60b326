package dev.rill.connect.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.mirror.RemoteClusterUtils;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.ConnectWorker;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * Consumer fail-over from A to B with translated offsets, Rill Mirror and MirrorMaker 2 4.3.1 side by side on the
 * same two clusters and the same Rill Connect standalone worker (attached to B): Rill's connectors from the packaged
 * plugin directory {@code rill-mirror/target/plugin/rill-mirror}, MM2's from the published connect-mirror and
 * connect-mirror-client jars. Each side has its own source topic (same data: 3 000 records in 3 partitions, written
 * in transactions of 30, so the source offsets have gaps where the commit markers are) and its own group, which
 * reads and commits 334, 333 and 333 records; each side's connectors are restricted to them with {@code topics} and
 * {@code groups}. After replication and checkpointing, {@code RemoteClusterUtils.translateOffsets} on B gives each
 * group's offsets on {@code A.<topic>}, and a consumer on B reads from there to the end.
 *
 * <p>Both source connectors write their offset syncs to the one {@code mm2-offset-syncs.B.internal} on A. That is
 * what two flows into B always do; a sync names its source topic partition, each checkpoint connector keeps the
 * syncs per partition and only translates its own group's partitions, so the other side's syncs are never used.
 * Checkpoints of both groups land in {@code A.checkpoints.internal} on B, and translateOffsets filters by group.
 *
 * <p>Settings, identical on both sides ({@link RealPlugins#mirrorConnector}): aliases, bootstrap servers,
 * byte-array converters, replication factors 1, {@code sync.topic.acls.enabled=false}, {@code tasks.max=1};
 * {@code topics} (source and checkpoint connectors), {@code groups} and
 * {@code emit.checkpoints.interval.seconds=1} (checkpoint connectors). Everything else is each connector's default:
 * {@code offset.lag.max=100}, no {@code sync.group.offsets}, offset syncs on the source cluster.
 *
 * <p>Asserted for Rill: exact translated offsets, 0 records re-read, 0 skipped. For MM2 only what its documented
 * behaviour guarantees (a translated offset is never past the group's position: nothing skipped); its translated
 * offsets and the records re-read are measured and printed.
 */
class MirrorTranslationVersusMm2IT {
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 3_000;
    private static final int READ_BEFORE_FAILOVER = 1_000;
    private static final int CHECKPOINT_INTERVAL_SECONDS = 1;

    @RegisterExtension
    static final EmbeddedKafkaExtension A = EmbeddedKafkaExtension.singleNode();
    @RegisterExtension
    static final EmbeddedKafkaExtension B = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path dir;

    /** One side of the comparison: its connectors, and its own source topic and group. */
    private record Side(String label, String prefix, String sourceClass, String checkpointClass, String topic,
                        String group) {
        static Side of(String label, String prefix, String sourceClass, String checkpointClass) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            return new Side(label, prefix, sourceClass, checkpointClass, "orders-" + prefix + "-" + id,
                    "billing-" + prefix + "-" + id);
        }

        String remote() {
            return "A." + topic;
        }

        List<Map<String, String>> connectors() {
            Map<String, String> source = RealPlugins.mirrorConnector(prefix + "-source", sourceClass,
                    A.bootstrapServers(), B.bootstrapServers());
            source.put("topics", topic);
            Map<String, String> checkpoint = RealPlugins.mirrorConnector(prefix + "-checkpoint", checkpointClass,
                    A.bootstrapServers(), B.bootstrapServers());
            checkpoint.put("topics", topic);
            checkpoint.put("groups", group);
            checkpoint.put("emit.checkpoints.interval.seconds", String.valueOf(CHECKPOINT_INTERVAL_SECONDS));
            return List.of(source, checkpoint);
        }
    }

    /** What one side's fail-over gave: translated and exact offsets on B, records re-read and skipped. */
    private record Failover(List<Long> translated, List<Long> exact, int reRead, int skipped, int readOnB) {
    }

    @Test
    void shouldTranslateExactlyWhileMirrorMaker2IsMeasured() throws Exception {
        Side rill = Side.of("Rill", "rill", "dev.rill.mirror.RillMirrorSourceConnector",
                "dev.rill.mirror.RillMirrorCheckpointConnector");
        Side mm2 = Side.of("MM2 4.3.1", "mm2", "org.apache.kafka.connect.mirror.MirrorSourceConnector",
                "org.apache.kafka.connect.mirror.MirrorCheckpointConnector");
        Map<Side, Set<String>> read = new HashMap<>();
        Map<Side, Map<Integer, Long>> committed = new HashMap<>();
        for (Side side : List.of(rill, mm2)) {
            writeInTransactions(side.topic());
            read.put(side, consumeAndCommit(side.topic(), side.group()));
            assertThat(read.get(side)).hasSize(READ_BEFORE_FAILOVER);
            committed.put(side, committedOnA(side));
        }
        // same data, same reads: the two groups' committed source offsets are the same (gaps included)
        assertThat(committed.get(mm2)).isEqualTo(committed.get(rill));

        Map<String, String> worker = RealPlugins.workerProps(B.bootstrapServers(), dir);
        worker.put("plugin.path", RealPlugins.pluginPath() + "," + rillMirrorPluginPath());
        List<Map<String, String>> connectors = new ArrayList<>(rill.connectors());
        connectors.addAll(mm2.connectors());
        try (ConnectWorker rillWorker = ConnectWorker.builder().workerProperties(worker).connectors(connectors).start()) {
            String url = rillWorker.restUrl();
            assertThat(RealPlugins.get(url, "/connector-plugins").list()).extracting(p -> p.get("class"),
                    p -> p.get("version")).contains(
                    Tuple.tuple("org.apache.kafka.connect.mirror.MirrorSourceConnector", "4.3.1"),
                    Tuple.tuple("org.apache.kafka.connect.mirror.MirrorCheckpointConnector", "4.3.1"));
            assertThat(RealPlugins.get(url, "/connector-plugins").list()).extracting(p -> p.get("class"))
                    .contains(rill.sourceClass(), rill.checkpointClass());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (Map<String, String> c : connectors) {
                    RealPlugins.running(url, c.get("name"));
                }
            });

            Failover rillFailover = failOver(rill, read.get(rill));
            Failover mm2Failover = failOver(mm2, read.get(mm2));
            report(rill, committed.get(rill), rillFailover);
            report(mm2, committed.get(mm2), mm2Failover);
            Map<String, Map<Integer, List<long[]>>> syncs = offsetSyncs();
            for (Side side : List.of(rill, mm2)) {
                reportSyncs(side, committed.get(side), syncs.getOrDefault(side.topic(), Map.of()));
            }
            System.out.printf("translation: Rill %s %s, %d re-read, %d skipped; MM2 4.3.1 %s (exact %s), "
                            + "%d re-read, %d skipped%n", shown(rillFailover.translated()),
                    rillFailover.translated().equals(rillFailover.exact()) ? "exact" : "NOT exact",
                    rillFailover.reRead(), rillFailover.skipped(), shown(mm2Failover.translated()),
                    mm2Failover.exact(), mm2Failover.reRead(), mm2Failover.skipped());

            assertThat(rillFailover.translated()).as("Rill's translated offsets").isEqualTo(rillFailover.exact());
            assertThat(rillFailover.reRead()).as("records Rill's consumer re-read on B").isZero();
            assertThat(rillFailover.skipped()).as("records Rill's consumer skipped on B").isZero();
            // MM2 translates to a position at or before the group's: it may re-read, never skip
            assertThat(mm2Failover.skipped()).as("records MM2's consumer skipped on B").isZero();
            for (int p = 0; p < PARTITIONS; p++) {
                if (mm2Failover.translated().get(p) != null) {
                    assertThat(mm2Failover.translated().get(p)).as("MM2's translated offset of partition " + p)
                            .isLessThanOrEqualTo(mm2Failover.exact().get(p));
                }
            }
            for (Map<String, String> c : connectors) {
                RealPlugins.running(url, c.get("name"));
            }
        }
    }

    private static void report(Side side, Map<Integer, Long> committedOnA, Failover f) {
        System.out.printf("%s: committed on A %s, translated on B %s (none: no checkpoint, the consumer starts at "
                        + "auto.offset.reset=earliest), exact %s; after fail-over %d records read on B, %d of them "
                        + "re-read, %d skipped%n", side.label(), committedOnA.values(), shown(f.translated()),
                f.exact(), f.readOnB(), f.reRead(), f.skipped());
    }

    /**
     * Per partition of the side's topic: how many offset syncs its source connector wrote, the first one, and the
     * highest one at or below the group's committed offset (the one a translation can start from).
     */
    private static void reportSyncs(Side side, Map<Integer, Long> committedOnA, Map<Integer, List<long[]>> syncs) {
        List<String> parts = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            List<long[]> list = syncs.getOrDefault(p, List.of());
            long committed = committedOnA.get(p);
            String below = list.stream().filter(s -> s[0] <= committed).reduce((x, y) -> y)
                    .map(s -> s[0] + "->" + s[1]).orElse("none");
            String first = list.isEmpty() ? "none" : list.get(0)[0] + "->" + list.get(0)[1];
            parts.add("partition " + p + ": " + list.size() + " syncs, first " + first + ", last at or below "
                    + committed + " " + below);
        }
        System.out.printf("%s: offset syncs (upstream->downstream) in mm2-offset-syncs.B.internal: %s%n",
                side.label(), String.join("; ", parts));
    }

    /**
     * The offset syncs on A in the order written, per source topic and partition, each {upstream, downstream}.
     * Read in MM2's documented record format: key topic (int16 length, UTF-8) and partition (int32), value
     * upstream and downstream offset (two int64).
     */
    private static Map<String, Map<Integer, List<long[]>>> offsetSyncs() {
        Map<String, Object> p = consumerProps(A.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Map<Integer, List<long[]>>> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition("mm2-offset-syncs.B.internal", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ByteBuffer key = ByteBuffer.wrap(r.key());
                    byte[] topic = new byte[key.getShort()];
                    key.get(topic);
                    int partition = key.getInt();
                    ByteBuffer value = ByteBuffer.wrap(r.value());
                    out.computeIfAbsent(new String(topic, StandardCharsets.UTF_8), t -> new HashMap<>())
                            .computeIfAbsent(partition, x -> new ArrayList<>())
                            .add(new long[] {value.getLong(), value.getLong()});
                }
            }
        }
        return out;
    }

    private static String rillMirrorPluginPath() {
        String p = System.getProperty("rill.mirror.plugin.path");
        if (p == null || !Path.of(p, "rill-mirror").toFile().isDirectory()) {
            throw new IllegalStateException("Rill Mirror's plugin directory " + p + "/rill-mirror is not built; "
                    + "run the tests through Maven with -am (rill-mirror packages it)");
        }
        return p;
    }

    /**
     * Waits for the side's replication to complete and its checkpoints to settle, then fails its group over to B:
     * reads the remote topic from the translated offsets to its end and counts what the group had already read on A
     * (re-read) and what it had not read but does not get (skipped).
     */
    private static Failover failOver(Side side, Set<String> readOnA) {
        List<ConsumerRecord<String, String>> mirrored = readFrom(side.remote(), Map.of(), RECORDS);
        assertThat(mirrored).as(side.label() + ": records replicated to B").hasSize(RECORDS);
        Map<TopicPartition, Long> exact = firstUnread(mirrored, readOnA);
        Map<TopicPartition, Long> translated = settledTranslation(side);

        List<ConsumerRecord<String, String>> after = readFrom(side.remote(), translated, RECORDS - READ_BEFORE_FAILOVER);
        List<String> values = after.stream().map(ConsumerRecord::value).toList();
        assertThat(values).as(side.label() + ": records read on B after fail-over").doesNotHaveDuplicates();
        int reRead = (int) values.stream().filter(readOnA::contains).count();
        Set<String> unread = new HashSet<>();
        mirrored.forEach(r -> unread.add(r.value()));
        unread.removeAll(readOnA);
        unread.removeAll(values);
        return new Failover(byPartition(translated), byPartition(exact), reRead, unread.size(), values.size());
    }

    /**
     * The group's translated offsets once they have settled: covering every partition and unchanged for three
     * checkpoint intervals (a checkpoint connector may still be catching up with offset syncs just after
     * replication), or, when some partition has none, unchanged for thirty intervals. MM2 4.3.1 may leave a
     * partition without a checkpoint for good; a consumer failing over then starts that partition at its
     * {@code auto.offset.reset} position.
     */
    private static Map<TopicPartition, Long> settledTranslation(Side side) {
        Map<String, Object> targetClient = Map.of("bootstrap.servers", B.bootstrapServers());
        Map<TopicPartition, Long> last = new HashMap<>();
        long[] since = {System.nanoTime()};
        long start = System.nanoTime();
        Duration settle = Duration.ofSeconds(3L * CHECKPOINT_INTERVAL_SECONDS);
        Duration settleIncomplete = Duration.ofSeconds(30L * CHECKPOINT_INTERVAL_SECONDS);
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<TopicPartition, Long> now = offsets(RemoteClusterUtils.translateOffsets(targetClient, "A",
                        side.group(), Duration.ofSeconds(10)));
                if (!now.equals(last)) {
                    last.clear();
                    last.putAll(now);
                    since[0] = System.nanoTime();
                }
                long stable = System.nanoTime() - since[0];
                return now.size() == PARTITIONS ? stable >= settle.toNanos() : stable >= settleIncomplete.toNanos();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(side.label() + ": translated offsets did not settle; last " + last, e);
        }
        System.out.printf("%s: translated offsets %s settled %.1f s after replication completed (last change "
                        + "%.1f s after; then unchanged for %.0f s)%n", side.label(), shown(byPartition(last)),
                (System.nanoTime() - start) / 1e9, (since[0] - start) / 1e9, (System.nanoTime() - since[0]) / 1e9);
        return new HashMap<>(last);
    }

    /**
     * Creates {@code topic} on A and writes the {@value #RECORDS} records in transactions. A CI run once saw such a
     * set-up producer fail with InvalidTxnStateException on a fresh broker (in MirrorCheckpointIT, before any Rill
     * code ran). A failed transaction leaves aborted records, which both mirrors copy (they read uncommitted by
     * default), so a failed attempt deletes the topic and starts over rather than retrying the batch.
     */
    private static void writeInTransactions(String topic) throws Exception {
        for (int attempt = 1; ; attempt++) {
            A.cluster().createTopic(topic, PARTITIONS, 1);
            try {
                produceInTransactions(topic);
                return;
            } catch (org.apache.kafka.common.KafkaException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.printf("set-up attempt %d could not write %s in transactions: %s; starting over%n",
                        attempt, topic, e);
                try (org.apache.kafka.clients.admin.Admin admin = A.cluster().admin()) {
                    admin.deleteTopics(List.of(topic)).all().get();
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> !admin.listTopics().names().get().contains(topic));
                }
            }
        }
    }

    private static void produceInTransactions(String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, A.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "orders-" + UUID.randomUUID());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            for (int batch = 0; batch < RECORDS / 30; batch++) {
                producer.beginTransaction();
                for (int i = 0; i < 30; i++) {
                    int n = batch * 30 + i;
                    producer.send(new ProducerRecord<>(topic, n % PARTITIONS, "k" + n, "order-" + n));
                }
                producer.commitTransaction(); // one commit marker per partition and batch: gaps in the offsets
            }
        }
    }

    /**
     * Reads the first 334, 333 and 333 records of the partitions as {@code group} and commits the positions just
     * after them (records fetched beyond a partition's share are neither processed nor committed).
     */
    private static Set<String> consumeAndCommit(String topic, String group) {
        Map<String, Object> p = consumerProps(A.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 37);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<Integer, Integer> share = Map.of(0, 334, 1, 333, 2, 333);
        Map<Integer, Integer> taken = new HashMap<>(Map.of(0, 0, 1, 0, 2, 0));
        Set<String> read = new HashSet<>();
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(partitions(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read.size() < READ_BEFORE_FAILOVER && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (taken.get(record.partition()) < share.get(record.partition())) {
                        taken.merge(record.partition(), 1, Integer::sum);
                        read.add(record.value());
                        positions.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                }
            }
            consumer.commitSync(positions);
        }
        return read;
    }

    private static Map<Integer, Long> committedOnA(Side side) throws Exception {
        try (Admin admin = A.cluster().admin()) {
            Map<Integer, Long> out = new TreeMap<>();
            admin.listConsumerGroupOffsets(side.group()).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, om) -> out.put(tp.partition(), om.offset()));
            return out;
        }
    }

    /**
     * Reads {@code remote} on B ({@code read_committed}) from the given offsets, else from the beginning, until at
     * least {@code atLeast} records arrived and every partition is read to its end.
     */
    private static List<ConsumerRecord<String, String>> readFrom(String remote, Map<TopicPartition, Long> from,
                                                                 int atLeast) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Admin admin = B.cluster().admin()) {
                return admin.listTopics().names().get().contains(remote);
            }
        });
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(B.bootstrapServers()))) {
            List<TopicPartition> partitions = partitions(remote);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() >= atLeast) {
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                    if (partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** For each partition of the remote topic, the offset of the first record the group had not read on A. */
    private static Map<TopicPartition, Long> firstUnread(List<ConsumerRecord<String, String>> mirrored,
                                                         Set<String> read) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, String> record : mirrored) {
            if (!read.contains(record.value())) {
                first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
            }
        }
        return first;
    }

    private static List<TopicPartition> partitions(String topic) {
        List<TopicPartition> out = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            out.add(new TopicPartition(topic, i));
        }
        return out;
    }

    /** Offsets in partition order (null for a partition without one). */
    private static List<Long> byPartition(Map<TopicPartition, Long> offsets) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            int partition = i;
            out.add(offsets.entrySet().stream().filter(e -> e.getKey().partition() == partition)
                    .map(Map.Entry::getValue).findFirst().orElse(null));
        }
        return out;
    }

    /** Offsets for printing: "none" for a partition without a translated offset. */
    private static String shown(List<Long> offsets) {
        return offsets.stream().map(o -> o == null ? "none" : o.toString()).toList().toString();
    }

    private static Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetAndMetadata> translated) {
        Map<TopicPartition, Long> out = new HashMap<>();
        translated.forEach((partition, offset) -> out.put(partition, offset.offset()));
        return out;
    }

    private static Map<String, Object> consumerProps(String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
