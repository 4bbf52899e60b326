package dev.rill.bench.scenarios;

import dev.rill.bench.BenchContext;
import dev.rill.bench.Launch;
import dev.rill.bench.PaymentInput;
import dev.rill.bench.RecordDigest;
import dev.rill.bench.RunContext;
import dev.rill.bench.Scenario;
import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import dev.rill.bench.Verdict;
import dev.rill.bench.sides.RillClientSettings;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code stream("count-payment").groupByKey().count(Materialized.as("counts")).toStream().to(output)} on RocksDB,
 * at-least-once or exactly-once ({@link #exactlyOnce()}), on Apache Kafka Streams (anchor) and Rill Streams; the final
 * count of every key must be exact.
 */
public final class CountScenario implements Scenario {

    static final String INPUT_TOPIC = "count-payment";
    /** The value of {@code processing.guarantee} in the exactly-once variants. */
    static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    static final int PARTITIONS = 4;
    /** Distinct accounts of the input: with the key {@code unknown}, 100 001 distinct keys at most. */
    static final int ACCOUNTS = 100_000;
    private static final long SEED = 20261125L;

    public static final List<Side> SIDES = List.of(
            Side.onHarnessClasspath("kafka-streams", SideRole.ANCHOR, "dev.rill.bench.sides.KafkaStreamsCountMain"),
            Side.onHarnessClasspath("kafka-streams-rill-clients", SideRole.ANCHOR_WITH_RILL_CLIENTS,
                    "dev.rill.bench.sides.KafkaStreamsCountMain"),
            Side.onHarnessClasspath("rill-streams", SideRole.RILL, "dev.rill.bench.sides.RillStreamsCountMain"));

    private final boolean exactlyOnce;
    private PaymentInput input;
    private int distinctKeys;
    private RecordDigest expected;
    private Map<TopicPartition, Long> endOffsets;

    /** The count at-least-once. */
    public CountScenario() {
        this(false);
    }

    private CountScenario(boolean exactlyOnce) {
        this.exactlyOnce = exactlyOnce;
    }

    /** The count under {@code processing.guarantee=exactly_once_v2} on both sides (own input topic). */
    public static CountScenario exactlyOnce() {
        return new CountScenario(true);
    }

    @Override
    public String id() {
        return exactlyOnce ? "count-eos" : "count";
    }

    @Override
    public String title() {
        return exactlyOnce ? "Count per key on RocksDB (exactly-once)" : "Count per key on RocksDB (at-least-once)";
    }

    private String inputTopic() {
        return exactlyOnce ? INPUT_TOPIC + "-eos" : INPUT_TOPIC;
    }

    @Override
    public List<Side> sides() {
        return SIDES;
    }

    @Override
    public void prepare(BenchContext context) throws Exception {
        input = new PaymentInput(context.records(3_000_000, 1_000_000), SEED, ACCOUNTS);
        context.cluster().createTopic(inputTopic(), PARTITIONS, 1);
        input.produceTo(context.bootstrapServers(), inputTopic());
        Map<String, Long> counts = input.countsPerKey();
        distinctKeys = counts.size();
        expected = digestOfCounts(counts);
        endOffsets = context.endOffsets(inputTopic());
        long produced = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        if (produced != input.count()) {
            throw new IllegalStateException("the input topic holds " + produced + " records; expected " + input.count());
        }
    }

    @Override
    public List<String> describe(BenchContext context) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "`stream(\"" + inputTopic() + "\").groupByKey().count(Materialized.as(\"counts\")).toStream().to(output)` with "
                        + "String keys and Long counts, on each runtime's default store (RocksDB, logged to "
                        + "`<application.id>-counts-changelog`, write cache on).",
                "",
                "- Input: " + input.count() + " payment records of about 110 B (the seed's generator, but with accounts "
                        + "drawn from " + ACCOUNTS + " instead of 10 M, so keys repeat) in " + PARTITIONS + " partitions: "
                        + distinctKeys + " distinct keys, every tenth record keyed `unknown`.",
                "- Both sides get the same properties: `application.id`, `bootstrap.servers`, `state.dir` (a per-run "
                        + "directory) and `commit.interval.ms=" + context.commitIntervalMs() + "`; everything else at "
                        + "each runtime's defaults (" + (exactlyOnce ? "but see below" : "at-least-once")
                        + ", one stream thread, 10 MiB write cache in Kafka "
                        + "Streams; Rill's own cache and `rocksdb.memory.max.bytes` defaults).",
                "- **kafka-streams-rill-clients**: Kafka Streams with the same properties plus the client settings Rill "
                        + "uses where they differ from Kafka Streams' defaults (" + RillClientSettings.describe() + ").",
                "- Time: until the application id's group has committed the end of the input (the changelog and the "
                        + "output are flushed before each commit).",
                "- Verified: the output topic read back, last value per key, must equal the exact count of every key "
                        + "(digest over " + distinctKeys + " key/count pairs); each run has its own output topic."));
        if (exactlyOnce) {
            lines.add("- Exactly-once: both sides also get `processing.guarantee=" + EXACTLY_ONCE_V2 + "` (so each "
                    + "commit is a Kafka transaction; the output is read back with `read_committed`).");
        }
        return lines;
    }

    @Override
    public Launch beforeRun(BenchContext context, RunContext run) throws Exception {
        String output = outputTopic(run);
        context.cluster().createTopic(output, PARTITIONS, 1);
        Properties props = streamsProperties(run, inputTopic(), output);
        if (exactlyOnce) {
            props.setProperty("processing.guarantee", EXACTLY_ONCE_V2);
        }
        Path file = run.workDir().resolve(run.side().name() + ".properties");
        SeedFilterScenario.write(props, file);
        return Launch.of(List.of(file.toString()), run.runId(), new LinkedHashMap<>(endOffsets));
    }

    /**
     * The properties every Streams side gets: the same keys and values on either runtime, plus Rill's client
     * settings for the side that runs Kafka Streams with them.
     */
    static Properties streamsProperties(RunContext run, String input, String output) {
        Properties props = new Properties();
        props.setProperty("bench.input.topic", input);
        props.setProperty("bench.output.topic", output);
        props.setProperty("bootstrap.servers", run.bootstrapServers());
        props.setProperty("application.id", run.runId());
        props.setProperty("commit.interval.ms", Long.toString(run.commitIntervalMs()));
        props.setProperty("state.dir", run.workDir().resolve("state").toString());
        if (run.side().role() == SideRole.ANCHOR_WITH_RILL_CLIENTS) {
            RillClientSettings.applyTo(props);
        }
        return props;
    }

    @Override
    public Verdict verify(BenchContext context, RunContext run) throws Exception {
        Map<String, Long> last = new HashMap<>();
        context.forEachRecord(outputTopic(run), record -> last.put(new String(record.key(), StandardCharsets.UTF_8),
                record.value() == null ? null : ByteBuffer.wrap(record.value()).getLong()));
        return digestOfCounts(last).verdictAgainst(expected,
                "final count per key in output topic " + outputTopic(run) + " (key, 8-byte count)");
    }

    @Override
    public void afterRun(BenchContext context, RunContext run) throws Exception {
        context.admin().deleteTopics(List.of(outputTopic(run))).all().get(1, TimeUnit.MINUTES);
    }

    /** The digest of a key → count map, each count as the 8 big-endian bytes of Kafka's Long serde. */
    static RecordDigest digestOfCounts(Map<String, Long> counts) {
        RecordDigest digest = new RecordDigest();
        counts.forEach((key, count) -> digest.add(key.getBytes(StandardCharsets.UTF_8),
                count == null ? null : ByteBuffer.allocate(Long.BYTES).putLong(count).array()));
        return digest;
    }

    private static String outputTopic(RunContext run) {
        return "counts-" + run.runId();
    }
}
