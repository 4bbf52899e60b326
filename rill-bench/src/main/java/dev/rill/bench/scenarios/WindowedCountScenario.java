package dev.rill.bench.scenarios;

import dev.rill.bench.BenchContext;
import dev.rill.bench.EventTimestamps;
import dev.rill.bench.DirectorySize;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code stream("windowed-payment").groupByKey().windowedBy(TimeWindows.ofSizeAndGrace(5 min, 1 min)).count()
 * .toStream().to(output)} on RocksDB, on Apache Kafka Streams (anchor) and Rill Streams, over payments whose event
 * times are spread over a day; the final count of every (key, window) must be exact.
 */
public final class WindowedCountScenario implements Scenario {

    static final String INPUT_TOPIC = "windowed-payment";
    static final int PARTITIONS = 4;
    /** Distinct accounts: about ten records per account and 5-minute window in full mode. */
    static final int ACCOUNTS = 1_000;
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final Duration GRACE = Duration.ofMinutes(1);
    /** Event times move up to this much either way: out of order, but never later than the grace allows. */
    static final Duration JITTER = Duration.ofSeconds(20);
    /** The name of the measurement of the state directory's size once the side has stopped. */
    public static final String STATE_DIR_MIB = "state dir (MiB)";
    /** The name of the measurement of how many records (count updates) the side wrote to its output topic. */
    public static final String OUTPUT_RECORDS_K = "output records (k)";
    private static final long SEED = 20261206L;

    public static final List<Side> SIDES = List.of(
            Side.onHarnessClasspath("kafka-streams", SideRole.ANCHOR, "dev.rill.bench.sides.KafkaStreamsWindowedCountMain"),
            Side.onHarnessClasspath("kafka-streams-rill-clients", SideRole.ANCHOR_WITH_RILL_CLIENTS,
                    "dev.rill.bench.sides.KafkaStreamsWindowedCountMain"),
            Side.onHarnessClasspath("rill-streams", SideRole.RILL, "dev.rill.bench.sides.RillStreamsWindowedCountMain"));

    static {
        if (JITTER.multipliedBy(2).compareTo(GRACE) >= 0) {
            throw new AssertionError("a jitter of " + JITTER + " could make records later than the grace " + GRACE);
        }
    }

    private final List<Side> sides;
    private final Duration span;
    private PaymentInput input;
    private long distinctWindows;
    private RecordDigest expected;
    private Map<TopicPartition, Long> endOffsets;

    public WindowedCountScenario() {
        this(SIDES, Duration.ofDays(1));
    }

    /**
     * The scenario with other sides and event times spread over {@code span} instead of a day (tests: a window store
     * opens a RocksDB segment per {@code max(retention / 2, 1 min)} of event time, so a day costs hundreds of segments
     * whatever the input size).
     */
    public WindowedCountScenario(List<Side> sides, Duration span) {
        this.sides = List.copyOf(sides);
        this.span = span;
    }

    @Override
    public String id() {
        return "windowed-count";
    }

    @Override
    public String title() {
        return "Windowed count: 5-minute tumbling windows on RocksDB (at-least-once)";
    }

    @Override
    public List<Side> sides() {
        return sides;
    }

    @Override
    public void prepare(BenchContext context) throws Exception {
        input = new PaymentInput(context.records(3_000_000, 300_000), SEED, ACCOUNTS);
        EventTimestamps timestamps = new EventTimestamps(EventTimestamps.startOfYesterday(System.currentTimeMillis()),
                input.count(), span, JITTER, SEED);
        context.cluster().createTopic(INPUT_TOPIC, PARTITIONS, 1);
        input.produceTo(context.bootstrapServers(), INPUT_TOPIC, timestamps);
        Map<WindowedKey, Long> counts = expectedCounts(input, timestamps, WINDOW);
        distinctWindows = counts.size();
        expected = digestOfWindowedCounts(counts);
        endOffsets = context.endOffsets(INPUT_TOPIC);
        long produced = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        if (produced != input.count()) {
            throw new IllegalStateException("the input topic holds " + produced + " records; expected " + input.count());
        }
    }

    @Override
    public List<String> describe(BenchContext context) {
        return List.of(
                "`stream(\"" + INPUT_TOPIC + "\").groupByKey().windowedBy(TimeWindows.ofSizeAndGrace("
                        + WINDOW.toMinutes() + " min, " + GRACE.toMinutes() + " min)).count(Materialized.as(\"window-counts\"))"
                        + ".toStream().to(output, Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, "
                        + WINDOW.toMillis() + "), Serdes.Long()))` on each runtime's default window store (RocksDB, "
                        + "logged to `<application.id>-window-counts-changelog`, write cache on).",
                "",
                "- Input: " + input.count() + " payment records of about 110 B (the seed's generator, accounts drawn "
                        + "from " + ACCOUNTS + ", every tenth record keyed `unknown`) in " + PARTITIONS + " partitions, "
                        + "with event times (record timestamps) spread evenly over " + describe(span) + " (from the start "
                        + "of yesterday, UTC) and moved "
                        + "by up to ±" + JITTER.toSeconds() + " s each, so records arrive slightly out of order but "
                        + "never later than the grace: " + distinctWindows + " distinct (key, window) pairs.",
                "- Both sides get the same properties: `application.id`, `bootstrap.servers`, `state.dir` (a per-run "
                        + "directory) and `commit.interval.ms=" + context.commitIntervalMs() + "`; everything else at "
                        + "each runtime's defaults (at-least-once, one stream thread, 10 MiB write cache in Kafka "
                        + "Streams; Rill's own cache and `rocksdb.memory.max.bytes` defaults).",
                "- **kafka-streams-rill-clients**: Kafka Streams with the same properties plus the client settings Rill "
                        + "uses where they differ from Kafka Streams' defaults (" + RillClientSettings.describe() + ").",
                "- Time: until the application id's group has committed the end of the input (the changelog and the "
                        + "output are flushed before each commit).",
                "- Verified: the output topic read back, last value per windowed key (String key + 8-byte window "
                        + "start), must equal the exact count of every (key, window) (digest over " + distinctWindows
                        + " pairs); each run has its own output topic.",
                "- Also measured: *" + STATE_DIR_MIB + "*, the size of the side's `state.dir` after it has stopped; "
                        + "*" + OUTPUT_RECORDS_K + "*, how many count updates it wrote (the caches decide how many "
                        + "intermediate counts reach the output).");
    }

    @Override
    public Launch beforeRun(BenchContext context, RunContext run) throws Exception {
        String output = outputTopic(run);
        context.cluster().createTopic(output, PARTITIONS, 1);
        Properties props = CountScenario.streamsProperties(run, INPUT_TOPIC, output);
        props.setProperty("bench.window.size.ms", Long.toString(WINDOW.toMillis()));
        props.setProperty("bench.window.grace.ms", Long.toString(GRACE.toMillis()));
        Path file = run.workDir().resolve(run.side().name() + ".properties");
        SeedFilterScenario.write(props, file);
        return Launch.of(List.of(file.toString()), run.runId(), new LinkedHashMap<>(endOffsets));
    }

    @Override
    public Verdict verify(BenchContext context, RunContext run) throws Exception {
        Map<ByteBuffer, byte[]> last = new HashMap<>();
        long[] records = {0};
        context.forEachRecord(outputTopic(run), record -> {
            last.put(ByteBuffer.wrap(record.key() == null ? new byte[0] : record.key()), record.value());
            records[0]++;
        });
        RecordDigest actual = new RecordDigest();
        last.forEach((key, value) -> actual.add(key.array(), value));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(STATE_DIR_MIB, DirectorySize.mebibytes(stateDir(run)));
        figures.put(OUTPUT_RECORDS_K, records[0] / 1000.0);
        return actual.verdictAgainst(expected, "final count per (key, window) in output topic " + outputTopic(run)
                        + " (" + records[0] + " records read; windowed key, 8-byte count)")
                .withMeasurements(figures);
    }

    @Override
    public void afterRun(BenchContext context, RunContext run) throws Exception {
        context.admin().deleteTopics(List.of(outputTopic(run))).all().get(1, TimeUnit.MINUTES);
        DirectorySize.delete(stateDir(run));
    }

    /** A key and the start of one of its windows. */
    record WindowedKey(String key, long windowStart) {
    }

    /**
     * The count of every (key, tumbling window of {@code size}) over the input with its timestamps, i.e. what the
     * windowed count ends with when no record is later than the grace.
     */
    static Map<WindowedKey, Long> expectedCounts(PaymentInput input, EventTimestamps timestamps, Duration size) {
        long sizeMs = size.toMillis();
        Map<WindowedKey, Long> counts = new HashMap<>();
        input.forEachIndexed((index, key, value) -> {
            long timestamp = timestamps.applyAsLong(index);
            counts.merge(new WindowedKey(key, timestamp - Math.floorMod(timestamp, sizeMs)), 1L, Long::sum);
        });
        return counts;
    }

    /**
     * The digest of (windowed key, count) pairs as the sides write them: the key as Kafka Streams' time-windowed
     * serializer writes it (UTF-8 key, then the window start as 8 big-endian bytes), the count as Kafka's Long serde.
     */
    static RecordDigest digestOfWindowedCounts(Map<WindowedKey, Long> counts) {
        RecordDigest digest = new RecordDigest();
        counts.forEach((key, count) -> {
            byte[] keyBytes = key.key().getBytes(StandardCharsets.UTF_8);
            byte[] windowed = ByteBuffer.allocate(keyBytes.length + Long.BYTES).put(keyBytes).putLong(key.windowStart())
                    .array();
            digest.add(windowed, count == null ? null : ByteBuffer.allocate(Long.BYTES).putLong(count).array());
        });
        return digest;
    }

    static String describe(Duration span) {
        return span.equals(Duration.ofDays(1)) ? "one day" : span.equals(Duration.ofHours(1)) ? "one hour"
                : span.toMinutes() + " minutes";
    }

    static Path stateDir(RunContext run) {
        return run.workDir().resolve("state");
    }

    private static String outputTopic(RunContext run) {
        return "window-counts-" + run.runId();
    }
}
