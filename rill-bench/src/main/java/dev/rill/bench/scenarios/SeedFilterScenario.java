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

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The seed: {@code stream("payment").filter((k, v) -> "unknown".equals(k)).to("unknown-payment")}, at-least-once,
 * on a byte-level pipe (ceiling), Apache Kafka Streams (anchor) and Rill Streams.
 */
public final class SeedFilterScenario implements Scenario {

    static final String INPUT_TOPIC = "payment";
    static final int PARTITIONS = 4;
    private static final long SEED = 20261125L;

    /** The sides of the benchmark: ceiling, anchor, anchor with Rill's client settings, Rill. */
    public static final List<Side> SIDES = List.of(
            Side.onHarnessClasspath("pipe", SideRole.CEILING, "dev.rill.bench.sides.BytePipeFilterMain"),
            Side.onHarnessClasspath("kafka-streams", SideRole.ANCHOR, "dev.rill.bench.sides.KafkaStreamsFilterMain"),
            Side.onHarnessClasspath("kafka-streams-rill-clients", SideRole.ANCHOR_WITH_RILL_CLIENTS,
                    "dev.rill.bench.sides.KafkaStreamsFilterMain"),
            Side.onHarnessClasspath("rill-streams", SideRole.RILL, "dev.rill.bench.sides.RillStreamsFilterMain"));

    /** The streams sides only: the byte pipe has no transactional variant. */
    private static final List<Side> EXACTLY_ONCE_SIDES = SIDES.subList(1, SIDES.size());

    private final List<Side> sides;
    private final boolean exactlyOnce;
    private PaymentInput input;
    private RecordDigest expected;
    private Map<TopicPartition, Long> endOffsets;

    /** The seed filter with its standard sides. */
    public SeedFilterScenario() {
        this(SIDES);
    }

    /** The seed filter run by other sides, e.g. a deliberately wrong one in the harness's own test. */
    public SeedFilterScenario(List<Side> sides) {
        this(sides, false);
    }

    private SeedFilterScenario(List<Side> sides, boolean exactlyOnce) {
        this.sides = List.copyOf(sides);
        this.exactlyOnce = exactlyOnce;
    }

    /** The seed filter under {@code processing.guarantee=exactly_once_v2} (streams sides only, own input topic). */
    public static SeedFilterScenario exactlyOnce() {
        return new SeedFilterScenario(EXACTLY_ONCE_SIDES, true);
    }

    @Override
    public String id() {
        return exactlyOnce ? "seed-filter-eos" : "seed-filter";
    }

    @Override
    public String title() {
        return exactlyOnce ? "Seed filter (exactly-once)" : "Seed filter (at-least-once)";
    }

    private String inputTopic() {
        return exactlyOnce ? INPUT_TOPIC + "-eos" : INPUT_TOPIC;
    }

    @Override
    public List<Side> sides() {
        return sides;
    }

    @Override
    public void prepare(BenchContext context) throws Exception {
        input = new PaymentInput(context.records(3_000_000, 1_000_000), SEED);
        context.cluster().createTopic(inputTopic(), PARTITIONS, 1);
        input.produceTo(context.bootstrapServers(), inputTopic());
        expected = input.digest(PaymentInput.Selection.UNKNOWN_KEYS_WITH_KEY);
        endOffsets = context.endOffsets(inputTopic());
        long produced = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        if (produced != input.count() || expected.count() != input.unknownCount()) {
            throw new IllegalStateException("the input topic holds " + produced + " records and the expected output "
                    + expected.count() + "; expected " + input.count() + " and " + input.unknownCount());
        }
    }

    @Override
    public List<String> describe(BenchContext context) {
        if (exactlyOnce) {
            return List.of(
                    "The seed filter (`filter((k, v) -> \"unknown\".equals(k))`) on " + input.count() + " records in "
                            + PARTITIONS + " partitions, as in the at-least-once section, with "
                            + "`processing.guarantee=" + CountScenario.EXACTLY_ONCE_V2 + "` given to both streams "
                            + "sides (each commit, every " + context.commitIntervalMs() + " ms, is a Kafka transaction); "
                            + "the output is read back with `read_committed`. No byte-pipe ceiling here.");
        }
        return List.of(
                "`stream(\"payment\").filter((k, v) -> \"unknown\".equals(k)).to(\"unknown-payment\")` with String serdes.",
                "",
                "- Input: " + input.count() + " records of about 110 B (12-character key, JSON value of about 100 B) in "
                        + PARTITIONS + " partitions; every tenth key is `unknown`, so " + expected.count()
                        + " records are expected in the output (all in the partition the key `unknown` hashes to).",
                "- **pipe** (ceiling): a kafka-clients loop on byte arrays, one consumer and one producer; compares the key "
                        + "bytes, produces matches, and every " + context.commitIntervalMs() + " ms flushes the producer and "
                        + "commits synchronously (what Kafka Streams does at-least-once). As a ceiling it is tuned for "
                        + "throughput: consumer `max.poll.records=5000`, `max.partition.fetch.bytes=4194304`, "
                        + "`auto.offset.reset=earliest`; producer `linger.ms=20`, `batch.size=262144`; everything else "
                        + "kafka-clients' defaults.",
                "- **kafka-streams** (anchor): Apache Kafka Streams " + org.apache.kafka.common.utils.AppInfoParser.getVersion()
                        + " with `application.id`, `bootstrap.servers`, `state.dir` (a per-run directory) and `commit.interval.ms="
                        + context.commitIntervalMs() + "`; everything else at its defaults (`processing.guarantee=at_least_once`, "
                        + "one stream thread).",
                "- **kafka-streams-rill-clients**: the anchor with the client settings Rill uses where they differ "
                        + "from Kafka Streams' defaults (" + RillClientSettings.describe() + "), to show how much of "
                        + "Rill's lead is its runtime and how much is configuration.",
                "- **rill-streams** (Rill): Rill Streams with exactly the same properties as the anchor. Underneath, "
                        + "each runtime picks its own client defaults (at this commit Rill's consumer fetches more per "
                        + "poll and partition and its producer batches more than Kafka Streams'); they are part of what "
                        + "is measured.",
                "- Each run writes to its own pre-created output topic (" + PARTITIONS + " partitions) and uses its own "
                        + "consumer group / application id.");
    }

    @Override
    public Launch beforeRun(BenchContext context, RunContext run) throws Exception {
        String output = outputTopic(run);
        context.cluster().createTopic(output, PARTITIONS, 1);
        Properties props;
        if (run.side().role() == SideRole.CEILING) {
            props = new Properties();
            props.setProperty("bench.input.topic", inputTopic());
            props.setProperty("bench.output.topic", output);
            props.setProperty("bootstrap.servers", run.bootstrapServers());
            props.setProperty("group.id", run.runId());
            props.setProperty("bench.commit.interval.ms", Long.toString(run.commitIntervalMs()));
            props.setProperty("consumer.max.poll.records", "5000");
            props.setProperty("consumer.max.partition.fetch.bytes", Integer.toString(4 * 1024 * 1024));
            props.setProperty("consumer.auto.offset.reset", "earliest");
            props.setProperty("producer.linger.ms", "20");
            props.setProperty("producer.batch.size", Integer.toString(256 * 1024));
        } else {
            props = CountScenario.streamsProperties(run, inputTopic(), output);
            if (exactlyOnce) {
                props.setProperty("processing.guarantee", CountScenario.EXACTLY_ONCE_V2);
            }
        }
        Path file = run.workDir().resolve(run.side().name() + ".properties");
        write(props, file);
        return Launch.of(List.of(file.toString()), run.runId(), new LinkedHashMap<>(endOffsets));
    }

    @Override
    public Verdict verify(BenchContext context, RunContext run) throws Exception {
        return context.digestOfTopic(outputTopic(run)).verdictAgainst(expected, "output topic " + outputTopic(run));
    }

    @Override
    public void afterRun(BenchContext context, RunContext run) throws Exception {
        context.admin().deleteTopics(List.of(outputTopic(run))).all().get(1, TimeUnit.MINUTES);
    }

    private static String outputTopic(RunContext run) {
        return "unknown-payment-" + run.runId();
    }

    static void write(Properties props, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file)) {
            props.store(writer, "written by rill-bench");
        }
    }
}
