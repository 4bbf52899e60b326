package dev.rill.bench.scenarios;

import dev.rill.bench.BenchContext;
import dev.rill.bench.Launch;
import dev.rill.bench.RecordDigest;
import dev.rill.bench.ReplicaTally;
import dev.rill.bench.RunContext;
import dev.rill.bench.Scenario;
import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import dev.rill.bench.Verdict;
import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One topic replicated from cluster A to cluster B by Apache MirrorMaker 2 in dedicated mode (anchor) and by
 * {@code rill mirror} (Rill), both from the same mm2.properties: time to the first replicated record, throughput
 * and memory. The harness's broker is A; every run gets a new, empty cluster B.
 */
public final class MirrorScenario implements Scenario {

    static final String INPUT_TOPIC = "mirror-input";
    /** The replica on B under MirrorMaker 2's default replication policy: {@code <source alias>.<topic>}. */
    static final String REMOTE_TOPIC = "A." + INPUT_TOPIC;
    static final int PARTITIONS = 8;
    static final int VALUE_BYTES = 100;
    /** The name of the classpath MirrorMaker 2 runs on (bench.sh resolves it from apache-mirror/pom.xml). */
    public static final String APACHE_MIRROR_CLASSPATH = "apache-mirror";
    /** The name of the classpath {@code rill mirror} runs on: rill-cli's runtime classpath. */
    public static final String RILL_MIRROR_CLASSPATH = "rill-mirror";
    /** The harness system property naming the Rill repository root, which {@code rill mirror} needs as rill.home. */
    public static final String RILL_HOME_PROPERTY = "rill.bench.rillHome";
    private static final long SEED = 2_0_2_6L;

    private static final List<Side> SIDES = List.of(
            new Side("mirrormaker2", SideRole.ANCHOR, "org.apache.kafka.connect.mirror.MirrorMaker",
                    APACHE_MIRROR_CLASSPATH),
            new Side("rill-mirror", SideRole.RILL, "dev.rill.cli.Main", RILL_MIRROR_CLASSPATH));

    private long records;
    private RecordDigest expected;
    private Map<TopicPartition, Long> endOffsets;
    private Map<Integer, Long> expectedPerPartition;
    private Path rillHome;
    private EmbeddedKafkaCluster target;
    private ReplicaTail tail;
    private ReplicaTally tally;
    private Set<String> topicsOnSource = Set.of();
    private Set<String> groupsOnSource = Set.of();

    @Override
    public String id() {
        return "mirror";
    }

    @Override
    public String title() {
        return "Mirror: Rill Mirror vs MirrorMaker 2 (dedicated mode)";
    }

    @Override
    public List<Side> sides() {
        return SIDES;
    }

    @Override
    public void prepare(BenchContext context) throws Exception {
        rillHome = rillHome();
        records = context.records(3_000_000, 300_000);
        context.cluster().createTopic(INPUT_TOPIC, PARTITIONS, 1);
        expected = produceInput(context.bootstrapServers(), records);
        endOffsets = context.endOffsets(INPUT_TOPIC);
        expectedPerPartition = endOffsets.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
    }

    private static Path rillHome() {
        String home = System.getProperty(RILL_HOME_PROPERTY);
        if (home == null || !Files.isDirectory(Path.of(home, "rill-mirror", "target", "plugin", "rill-mirror"))) {
            throw new IllegalStateException("the mirror scenario needs -D" + RILL_HOME_PROPERTY + "=<Rill repository "
                    + "root> with the Rill Mirror plugin built under rill-mirror/target/plugin (bench.sh does both), "
                    + "was " + home);
        }
        return Path.of(home).toAbsolutePath();
    }

    /**
     * Produces the input: record {@code i} goes to partition {@code i % PARTITIONS} with key {@code "r<i>"} and a
     * value of {@value #VALUE_BYTES} printable pseudo-random bytes; returns the digest of every key and value.
     */
    static RecordDigest produceInput(String bootstrapServers, long count) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        RecordDigest digest = new RecordDigest();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            forEachRecord(count, (partition, key, value) -> {
                digest.add(key, value);
                producer.send(new ProducerRecord<>(INPUT_TOPIC, partition, key, value), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            });
            producer.flush();
        }
        if (failure.get() != null) {
            throw new ExecutionException("producing the input to " + INPUT_TOPIC + " failed", failure.get());
        }
        return digest;
    }

    /** The input's records, generated from a fixed seed: the same count always gives the same records. */
    static void forEachRecord(long count, InputRecord action) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (long i = 0; i < count; i++) {
            byte[] value = new byte[VALUE_BYTES];
            for (int b = 0; b < VALUE_BYTES; b++) {
                value[b] = (byte) ('!' + random.nextInt(94));
            }
            action.accept((int) (i % PARTITIONS), ("r" + i).getBytes(StandardCharsets.UTF_8), value);
        }
    }

    /** Receives one generated record. */
    @FunctionalInterface
    interface InputRecord {
        void accept(int partition, byte[] key, byte[] value);
    }

    /** The mm2.properties both sides run from. */
    static Properties mm2Properties(String sourceBootstrap, String targetBootstrap) {
        Properties mm2 = new Properties();
        mm2.setProperty("clusters", "A, B");
        mm2.setProperty("A.bootstrap.servers", sourceBootstrap);
        mm2.setProperty("B.bootstrap.servers", targetBootstrap);
        mm2.setProperty("A->B.enabled", "true");
        mm2.setProperty("A->B.topics", INPUT_TOPIC);
        // One broker per cluster: every topic either side creates gets one replica.
        for (String key : List.of("replication.factor", "offset-syncs.topic.replication.factor",
                "checkpoints.topic.replication.factor", "heartbeats.topic.replication.factor",
                "config.storage.replication.factor", "offset.storage.replication.factor",
                "status.storage.replication.factor")) {
            mm2.setProperty(key, "1");
        }
        return mm2;
    }

    @Override
    public List<String> describe(BenchContext context) {
        return List.of(
                "Topic `" + INPUT_TOPIC + "` on cluster A (the harness's broker) is replicated to `" + REMOTE_TOPIC
                        + "` on cluster B, a second embedded one-broker KRaft cluster in the harness JVM.",
                "",
                "- Input: " + records + " records in " + PARTITIONS + " partitions, key `r<i>`, value "
                        + VALUE_BYTES + " printable bytes; the replica must hold every record once, in the same "
                        + "partition, with key and value (count per partition and a digest of every key and value).",
                "- The same mm2.properties for both sides: `clusters = A, B`, both `bootstrap.servers`, "
                        + "`A->B.enabled = true`, `A->B.topics = " + INPUT_TOPIC + "`, and replication factor 1 "
                        + "for every topic a mirror creates (`replication.factor`, `offset-syncs.topic.`, "
                        + "`checkpoints.topic.`, `heartbeats.topic.replication.factor`, `config.storage.`, "
                        + "`offset.storage.`, `status.storage.replication.factor`); everything else at its default "
                        + "(`tasks.max` included).",
                "- **mirrormaker2** (anchor): `org.apache.kafka.connect.mirror.MirrorMaker mm2.properties` "
                        + "(what `connect-mirror-maker.sh` runs) on connect-mirror " + org.apache.kafka.common.utils
                        .AppInfoParser.getVersion() + "'s runtime classpath.",
                "- **rill-mirror** (Rill): `rill mirror mm2.properties --data-dir <per-run dir>` "
                        + "(`dev.rill.cli.Main`, `-Drill.home=<repository root>`) on rill-cli's runtime classpath.",
                "- Fresh target state every run: B is a new cluster started before the run and discarded after it, "
                        + "and the topics and consumer groups the run created on A (a mirror's offset syncs, internal "
                        + "topics of a B->A herder) are deleted, so each run copies the whole topic from offset 0 "
                        + "into an empty cluster with no state left by an earlier run.",
                "- Progress is what a `read_committed` consumer on B has read of `" + REMOTE_TOPIC + "` (so a "
                        + "transactional mirror's records count once committed), not a consumer group: *first commit* "
                        + "is the first replicated record seen (polled every 50 ms), *wall time* the last. The "
                        + "measurements below take the consumer's own clock: *first record on B (s)* from launch, and "
                        + "*rec/s first→last record* from the first record seen to the last.");
    }

    @Override
    public Launch beforeRun(BenchContext context, RunContext run) throws Exception {
        topicsOnSource = topics(context.admin());
        groupsOnSource = groups(context.admin());
        target = EmbeddedKafkaCluster.builder().start();
        Path mm2File = run.workDir().resolve("mm2.properties");
        SeedFilterScenario.write(mm2Properties(context.bootstrapServers(), target.bootstrapServers()), mm2File);
        List<String> args;
        Map<String, String> systemProperties;
        if (run.side().role() == SideRole.RILL) {
            args = List.of("mirror", mm2File.toString(), "--data-dir", run.workDir().resolve("data").toString());
            systemProperties = Map.of("rill.home", rillHome.toString());
        } else {
            args = List.of(mm2File.toString());
            systemProperties = Map.of();
        }
        tally = new ReplicaTally(expectedPerPartition, System.nanoTime());
        tail = ReplicaTail.start(target.bootstrapServers(), REMOTE_TOPIC, tally);
        return Launch.watchedBy(tally::recordsDone, args, new LinkedHashMap<>(endOffsets), systemProperties);
    }

    @Override
    public Verdict verify(BenchContext context, RunContext run) throws Exception {
        tail.close();
        Map<String, Double> figures = new LinkedHashMap<>();
        tally.secondsToFirstRecord().ifPresent(s -> figures.put("first record on B (s)", s));
        tally.recordsPerSecondFirstToLast().ifPresent(r -> figures.put("rec/s first→last record", r));
        return tally.verdictAgainst(expected, REMOTE_TOPIC + " on B").withMeasurements(figures);
    }

    @Override
    public void afterRun(BenchContext context, RunContext run) throws Exception {
        try {
            if (tail != null) {
                tail.close();
            }
        } finally {
            tail = null;
            if (target != null) {
                target.close();
                target = null;
            }
            cleanSource(context.admin());
        }
    }

    /** Deletes the topics and consumer groups the run left on A (a mirror's internal ones), so the next starts afresh. */
    private void cleanSource(Admin admin) throws Exception {
        Set<String> topics = new HashSet<>(topics(admin));
        topics.removeAll(topicsOnSource);
        if (!topics.isEmpty()) {
            admin.deleteTopics(topics).all().get(1, TimeUnit.MINUTES);
        }
        Set<String> groups = new HashSet<>(groups(admin));
        groups.removeAll(groupsOnSource);
        if (!groups.isEmpty()) {
            admin.deleteConsumerGroups(groups).all().get(1, TimeUnit.MINUTES);
        }
    }

    private static Set<String> topics(Admin admin) throws Exception {
        return admin.listTopics().names().get(1, TimeUnit.MINUTES);
    }

    private static Set<String> groups(Admin admin) throws Exception {
        return admin.listGroups().all().get(1, TimeUnit.MINUTES).stream().map(GroupListing::groupId)
                .collect(Collectors.toSet());
    }
}
