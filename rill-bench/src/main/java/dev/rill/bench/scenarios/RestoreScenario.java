package dev.rill.bench.scenarios;

import dev.rill.bench.BenchContext;
import dev.rill.bench.Launch;
import dev.rill.bench.RunContext;
import dev.rill.bench.Scenario;
import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import dev.rill.bench.Verdict;
import dev.rill.bench.sides.KafkaStreamsCountMain;
import dev.rill.bench.sides.RillClientSettings;
import dev.rill.bench.sides.RillStreamsCountMain;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Restoring a count store of 1 M keys from its changelog into an empty state directory, on Apache Kafka Streams
 * (anchor) and Rill Streams.
 *
 * <p>Once, each runtime counts 1 M distinct keys in this JVM, which leaves a changelog of 1 M records in its own
 * format. For every run, that changelog is copied to {@code <run's application.id>-counts-changelog} and the run's
 * group is given committed offsets at the end of the input, so the side has nothing to reprocess and only
 * restores. The clock stops when the side's restore listener has reported every changelog partition restored.
 */
public final class RestoreScenario implements Scenario {

    private static final Logger log = LoggerFactory.getLogger(RestoreScenario.class);
    static final String INPUT_TOPIC = "restore-input";
    static final int PARTITIONS = 4;
    private static final String STORE = KafkaStreamsCountMain.STORE;
    private static final Duration SOURCE_TIMEOUT = Duration.ofMinutes(10);

    public static final List<Side> SIDES = List.of(
            Side.onHarnessClasspath("kafka-streams", SideRole.ANCHOR, "dev.rill.bench.sides.KafkaStreamsCountMain"),
            Side.onHarnessClasspath("kafka-streams-rill-clients", SideRole.ANCHOR_WITH_RILL_CLIENTS,
                    "dev.rill.bench.sides.KafkaStreamsCountMain"),
            Side.onHarnessClasspath("rill-streams", SideRole.RILL, "dev.rill.bench.sides.RillStreamsCountMain"));

    private long keys;
    private Map<TopicPartition, Long> inputEnd;
    /** The changelog each runtime (a side's main class) left in preparation; sides of one runtime share it. */
    private final Map<String, String> sourceChangelogs = new HashMap<>();

    @Override
    public String id() {
        return "restore";
    }

    @Override
    public String title() {
        return "Restore of a 1 M-key count store from its changelog";
    }

    @Override
    public List<Side> sides() {
        return SIDES;
    }

    @Override
    public void prepare(BenchContext context) throws Exception {
        keys = context.records(1_000_000, 1_000_000);
        context.cluster().createTopic(INPUT_TOPIC, PARTITIONS, 1);
        produceDistinctKeys(context.bootstrapServers(), INPUT_TOPIC, keys);
        inputEnd = context.endOffsets(INPUT_TOPIC);
        for (Side side : SIDES) {
            if (sourceChangelogs.containsKey(side.mainClass())) {
                continue;
            }
            String applicationId = "restore-source-" + side.name();
            Properties props = new Properties();
            props.setProperty("bench.input.topic", INPUT_TOPIC);
            props.setProperty("bench.output.topic", applicationId + "-output");
            props.setProperty("bootstrap.servers", context.bootstrapServers());
            props.setProperty("application.id", applicationId);
            props.setProperty("commit.interval.ms", Long.toString(context.commitIntervalMs()));
            props.setProperty("state.dir", Files.createDirectories(context.workDir().resolve(applicationId)).toString());
            context.cluster().createTopic(applicationId + "-output", PARTITIONS, 1);
            long start = System.nanoTime();
            try (AutoCloseable app = side.role() == SideRole.RILL
                    ? RillStreamsCountMain.startInProcess(props) : KafkaStreamsCountMain.startInProcess(props)) {
                awaitCommitted(context, applicationId, inputEnd);
            }
            String changelog = changelogOf(applicationId);
            long records = context.endOffsets(changelog).values().stream().mapToLong(Long::longValue).sum();
            if (records != keys) {
                throw new IllegalStateException(side.name() + " counted " + keys + " distinct keys into a changelog of "
                        + records + " records; expected one record per key");
            }
            log.info("restore: {} wrote its changelog {} of {} records in {} ms", side.name(), changelog, records,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            sourceChangelogs.put(side.mainClass(), changelog);
            context.admin().deleteTopics(List.of(applicationId + "-output")).all().get(1, TimeUnit.MINUTES);
        }
    }

    @Override
    public List<String> describe(BenchContext context) {
        return List.of(
                "The count program of the count scenario (`groupByKey().count(Materialized.as(\"counts\"))` on RocksDB) "
                        + "started with an empty `state.dir` on an application id whose changelog holds " + keys
                        + " keys in " + PARTITIONS + " partitions (one record per key, 8-byte Long counts).",
                "",
                "- Preparation, once: each runtime counts " + keys + " distinct keys in the harness JVM, leaving a "
                        + "changelog in its own format. Before every run that changelog is copied record by record "
                        + "(same partitions, keys, values and timestamps) to `<application.id>-counts-changelog` "
                        + "(compacted) of the run's fresh application id, and the run's group gets committed offsets at "
                        + "the end of the input, so neither side reprocesses input: both do exactly the same work, "
                        + "restoring " + keys + " records into RocksDB.",
                "- **kafka-streams-rill-clients** restores Kafka Streams' changelog with the client settings Rill uses "
                        + "(" + RillClientSettings.describe() + ").",
                "- Every side gets the same properties as in the count scenario (`commit.interval.ms="
                        + context.commitIntervalMs() + "`, everything else at each runtime's defaults).",
                "- Time: from the JVM's start until the side's `StateRestoreListener.onRestoreEnd` has reported every "
                        + "changelog partition restored (the side commits the restored count per changelog partition "
                        + "to a signal group the harness watches). The rec/s column is restored records per second.",
                "- Verified: the records restored (summed over `onRestoreEnd`) and the keys a full scan of the store "
                        + "returns after the restore (on shutdown, after the clock stopped) must both be " + keys + ". "
                        + "The verification column also gives the restore phase alone, from the first `onRestoreStart` "
                        + "to the last `onRestoreEnd` as the side's JVM measured it (wall time minus JVM start-up and "
                        + "group join).");
    }

    @Override
    public Launch beforeRun(BenchContext context, RunContext run) throws Exception {
        String changelog = changelogOf(run.runId());
        context.cluster().createTopic(changelog, PARTITIONS, 1, Map.of("cleanup.policy", "compact"));
        copyTopic(context, sourceChangelogs.get(run.side().mainClass()), changelog);
        Map<TopicPartition, Long> changelogEnd = context.endOffsets(changelog);
        if (changelogEnd.values().stream().mapToLong(Long::longValue).sum() != keys) {
            throw new IllegalStateException("the copied changelog " + changelog + " holds " + changelogEnd
                    + " records; expected " + keys);
        }
        context.admin().alterConsumerGroupOffsets(run.runId(), inputEnd.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))))
                .all().get(1, TimeUnit.MINUTES);
        context.cluster().createTopic(outputTopic(run), PARTITIONS, 1);
        Properties props = CountScenario.streamsProperties(run, INPUT_TOPIC, outputTopic(run));
        props.setProperty("bench.restore.signal.group", signalGroup(run));
        props.setProperty("bench.restore.report.file", reportFile(run).toString());
        Path file = run.workDir().resolve(run.side().name() + ".properties");
        SeedFilterScenario.write(props, file);
        return Launch.of(List.of(file.toString()), signalGroup(run), new LinkedHashMap<>(changelogEnd));
    }

    @Override
    public Verdict verify(BenchContext context, RunContext run) throws Exception {
        Path file = reportFile(run);
        if (!Files.exists(file)) {
            return Verdict.wrong("the side wrote no restore report to " + file + " on shutdown");
        }
        Properties report = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            report.load(reader);
        }
        Verdict verdict = verdict(keys, Long.parseLong(report.getProperty("restored.records", "-1")),
                Long.parseLong(report.getProperty("store.keys", "-1")));
        long firstStart = Long.parseLong(report.getProperty("restore.first.start.uptime.ms", "-1"));
        long lastEnd = Long.parseLong(report.getProperty("restore.last.end.uptime.ms", "-1"));
        return new Verdict(verdict.correct(), verdict.detail() + restorePhase(firstStart, lastEnd));
    }

    /** The restore phase as the side's JVM saw it (uptime at the first restore start and the last restore end). */
    static String restorePhase(long firstStartUptimeMs, long lastEndUptimeMs) {
        if (firstStartUptimeMs < 0 || lastEndUptimeMs < 0) {
            return "; the side reported no restore start or end";
        }
        return "; restoring took " + (lastEndUptimeMs - firstStartUptimeMs) + " ms (JVM uptime " + firstStartUptimeMs
                + " ms at the first onRestoreStart, " + lastEndUptimeMs + " ms at the last onRestoreEnd)";
    }

    /** Correct when both the records restored and the keys the store holds equal the keys of the changelog. */
    static Verdict verdict(long expectedKeys, long restoredRecords, long storeKeys) {
        String found = "restored " + restoredRecords + " changelog records, a scan of the store returned "
                + storeKeys + " keys";
        if (restoredRecords == expectedKeys && storeKeys == expectedKeys) {
            return Verdict.correct(found + ", as expected");
        }
        return Verdict.wrong("expected " + expectedKeys + " restored records and keys, but " + found);
    }

    @Override
    public void afterRun(BenchContext context, RunContext run) throws Exception {
        context.admin().deleteTopics(List.of(outputTopic(run), changelogOf(run.runId()))).all()
                .get(1, TimeUnit.MINUTES);
        // The run's own group may still list the stopped member until its session times out; only the signal
        // group (which never has members) is deleted.
        context.admin().deleteConsumerGroups(List.of(signalGroup(run))).all().get(1, TimeUnit.MINUTES);
    }

    static String changelogOf(String applicationId) {
        return applicationId + "-" + STORE + "-changelog";
    }

    private static String signalGroup(RunContext run) {
        return run.runId() + "-restored";
    }

    private static Path reportFile(RunContext run) {
        return run.workDir().resolve("restore-report.properties");
    }

    private static String outputTopic(RunContext run) {
        return "restore-out-" + run.runId();
    }

    /** The key of the i-th input record: {@code key-0000000}, {@code key-0000001}, ... */
    static String key(long i) {
        String digits = Long.toString(i);
        return "key-" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
    }

    static void produceDistinctKeys(String bootstrapServers, String topic, long count) throws Exception {
        Map<String, Object> config = producerConfig(bootstrapServers);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (long i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, key(i), "{\"n\":" + i + "}"), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new ExecutionException("producing the restore input failed", failure.get());
        }
    }

    /** Copies every record of a topic to the same partition of another, keeping key, value and timestamp. */
    private static void copyTopic(BenchContext context, String from, String to) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(context.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            context.forEachRecord(from, record -> producer.send(new ProducerRecord<>(to, record.partition(),
                    record.timestamp(), record.key(), record.value()), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    }));
            producer.flush();
        }
        if (failure.get() != null) {
            throw new ExecutionException("copying " + from + " to " + to + " failed", failure.get());
        }
    }

    private static Map<String, Object> producerConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return config;
    }

    static void awaitCommitted(BenchContext context, String group, Map<TopicPartition, Long> end)
            throws Exception {
        long deadline = System.nanoTime() + SOURCE_TIMEOUT.toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = context.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            if (end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(group + " did not commit the end of " + INPUT_TOPIC + " " + end
                        + " within " + SOURCE_TIMEOUT.toMinutes() + " min; committed: " + committed);
            }
            Thread.sleep(200);
        }
    }
}
