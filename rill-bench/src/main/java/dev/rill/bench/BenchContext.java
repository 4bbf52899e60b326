package dev.rill.bench;

import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every scenario of one benchmark invocation shares: the broker, the mode and the common settings.
 */
public final class BenchContext {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final EmbeddedKafkaCluster cluster;
    private final Admin admin;
    private final boolean quick;
    private final long recordsOverride;
    private final long commitIntervalMs;
    private final Path pluginPath;
    private final Path workDir;
    private final long latencyRate;
    private final SideJvms sideJvms;
    private final Map<String, Double> medianThroughputs = new ConcurrentHashMap<>();

    /**
     * @param recordsOverride input size for every scenario instead of its own default; 0 keeps the defaults
     * @param pluginPath      directory holding connector plugins (one sub-directory per plugin), may be null
     * @param latencyRate     input rate (records/s) of the fixed-rate scenarios; 0 lets them derive it
     * @param sideJvms        starts further JVMs of a side for the scenarios that need them
     */
    public BenchContext(EmbeddedKafkaCluster cluster, Admin admin, boolean quick, long recordsOverride,
                        long commitIntervalMs, Path pluginPath, Path workDir, long latencyRate, SideJvms sideJvms) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.quick = quick;
        this.recordsOverride = recordsOverride;
        this.commitIntervalMs = commitIntervalMs;
        this.pluginPath = pluginPath;
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.latencyRate = latencyRate;
        this.sideJvms = Objects.requireNonNull(sideJvms, "sideJvms");
    }

    /** Starts further JVMs of a side (e.g. a second Connect worker), as the harness starts the timed one. */
    public SideJvms sideJvms() {
        return sideJvms;
    }

    /** The input rate the fixed-rate scenarios were told to use, records per second; 0 when not given. */
    public long latencyRate() {
        return latencyRate;
    }

    /** Records a side's median throughput once its scenario has finished, for scenarios that run later. */
    public void recordMedianThroughput(String scenarioId, String sideName, double recordsPerSecond) {
        if (!Double.isNaN(recordsPerSecond) && recordsPerSecond > 0) {
            medianThroughputs.put(scenarioId + "/" + sideName, recordsPerSecond);
        }
    }

    /** The median throughput a side reached in a scenario that ran earlier in this invocation, if any. */
    public OptionalDouble medianThroughput(String scenarioId, String sideName) {
        Double rate = medianThroughputs.get(scenarioId + "/" + sideName);
        return rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate);
    }

    public EmbeddedKafkaCluster cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** An admin client owned by the harness; scenarios use it and don't close it. */
    public Admin admin() {
        return admin;
    }

    public boolean quick() {
        return quick;
    }

    /** The input size: the override if one was given, else the scenario's default for the mode. */
    public long records(long fullDefault, long quickDefault) {
        if (recordsOverride > 0) {
            return recordsOverride;
        }
        return quick ? quickDefault : fullDefault;
    }

    public long commitIntervalMs() {
        return commitIntervalMs;
    }

    /** The connector plugin directory; fails with advice if the harness was started without one. */
    public Path pluginPath() {
        if (pluginPath == null) {
            throw new IllegalStateException("this scenario needs connector plugins, but no plugin path was given;"
                    + " start the harness with --plugin-path <dir> (bench.sh passes rill-bench/target/plugins)");
        }
        return pluginPath;
    }

    /** A directory for scenario-wide files. */
    public Path workDir() {
        return workDir;
    }

    /** The current end offset of every partition of a topic. */
    public Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(1, TimeUnit.MINUTES).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toList());
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                .all().get(1, TimeUnit.MINUTES).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Reads a topic from the beginning to its current end and returns the digest of every record's key and value. */
    public RecordDigest digestOfTopic(String topic) throws Exception {
        RecordDigest digest = new RecordDigest();
        forEachRecord(topic, record -> digest.add(record.key(), record.value()));
        return digest;
    }

    /** Reads a topic from the beginning to its current end, handing every record to the action in partition order. */
    public void forEachRecord(String topic, Consumer<ConsumerRecord<byte[], byte[]>> action) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(topic);
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        // what an exactly-once side's aborted transactions left in the topic is not output
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end + " within "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        action.accept(record);
                    }
                }
            }
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
