package dev.rill.bench.scenarios;

import dev.rill.bench.BenchContext;
import dev.rill.bench.EventTimestamps;
import dev.rill.bench.DirectorySize;
import dev.rill.bench.JoinInput;
import dev.rill.bench.Launch;
import dev.rill.bench.RecordDigest;
import dev.rill.bench.RunContext;
import dev.rill.bench.Scenario;
import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import dev.rill.bench.Verdict;
import dev.rill.bench.sides.JoinedPayment;
import dev.rill.bench.sides.RillClientSettings;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code payments.join(authorisations, joiner, JoinWindows.ofTimeDifferenceAndGrace(1 min, 5 s)).to(output)} on
 * RocksDB, on Apache Kafka Streams (anchor) and Rill Streams; the output must hold exactly every pair of a payment and
 * an authorisation of the same account at most a minute apart.
 */
public final class StreamJoinScenario implements Scenario {

    static final String LEFT_TOPIC = "join-payment";
    static final String RIGHT_TOPIC = "join-authorisation";
    static final int PARTITIONS = 4;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration GRACE = Duration.ofSeconds(5);
    /**
     * The event time each stream covers: an hour (not a day as in the windowed count), because a join window store
     * opens a RocksDB segment per {@code max(retention / 2, 1 min)} of event time and per partition, twice (one store
     * per side); a day would be about 11 000 segments per run, whatever the input size.
     */
    static final Duration SPAN = Duration.ofHours(1);

    public static final List<Side> SIDES = List.of(
            Side.onHarnessClasspath("kafka-streams", SideRole.ANCHOR, "dev.rill.bench.sides.KafkaStreamsJoinMain"),
            Side.onHarnessClasspath("kafka-streams-rill-clients", SideRole.ANCHOR_WITH_RILL_CLIENTS,
                    "dev.rill.bench.sides.KafkaStreamsJoinMain"),
            Side.onHarnessClasspath("rill-streams", SideRole.RILL, "dev.rill.bench.sides.RillStreamsJoinMain"));

    private final List<Side> sides;
    private final Duration span;
    private JoinInput input;
    private RecordDigest expected;
    private Map<TopicPartition, Long> endOffsets;

    public StreamJoinScenario() {
        this(SIDES, SPAN);
    }

    /** The scenario with other sides and event times spread over {@code span} (tests). */
    public StreamJoinScenario(List<Side> sides, Duration span) {
        this.sides = List.copyOf(sides);
        this.span = span;
    }

    @Override
    public String id() {
        return "stream-join";
    }

    @Override
    public String title() {
        return "Stream–stream join within a 1-minute window on RocksDB (at-least-once)";
    }

    @Override
    public List<Side> sides() {
        return sides;
    }

    @Override
    public void prepare(BenchContext context) throws Exception {
        input = new JoinInput(context.records(1_000_000, 200_000),
                EventTimestamps.startOfYesterday(System.currentTimeMillis()), span, WINDOW);
        context.cluster().createTopic(LEFT_TOPIC, PARTITIONS, 1);
        context.cluster().createTopic(RIGHT_TOPIC, PARTITIONS, 1);
        input.produceTo(context.bootstrapServers(), LEFT_TOPIC, RIGHT_TOPIC);
        expected = input.expectedJoin(WINDOW, JoinedPayment::join);
        endOffsets = new LinkedHashMap<>(context.endOffsets(LEFT_TOPIC));
        endOffsets.putAll(context.endOffsets(RIGHT_TOPIC));
        long produced = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        if (produced != 2 * input.count()) {
            throw new IllegalStateException("the input topics hold " + produced + " records; expected "
                    + 2 * input.count());
        }
    }

    @Override
    public List<String> describe(BenchContext context) {
        return List.of(
                "`payments.join(authorisations, JoinedPayment::join, JoinWindows.ofTimeDifferenceAndGrace("
                        + WINDOW.toMinutes() + " min, " + GRACE.toSeconds() + " s), StreamJoined.with(String, String, "
                        + "String).withStoreName(\"payment-authorisations\")).to(output)` on each runtime's default "
                        + "window stores (RocksDB, logged, retaining duplicates); the joiner concatenates both values "
                        + "into one JSON value.",
                "",
                "- Input: " + input.count() + " payments (`" + LEFT_TOPIC + "`, about 60 B values) and " + input.count()
                        + " authorisations (`" + RIGHT_TOPIC + "`, about 50 B values), " + PARTITIONS + " partitions "
                        + "each, keyed by " + input.accounts() + " accounts, with event times spread evenly over "
                        + input.stepMs() * input.count() / 60_000 + " minutes (from the start of yesterday, UTC; one record of each stream every " + input.stepMs() + " ms, authorisations "
                        + input.spacingMs() / 4 + " ms after the payment of the same index). Two records of one "
                        + "account in one stream are " + input.spacingMs() + " ms apart, so every payment has two "
                        + "authorisations within the window (fewer at the ends of the span): " + expected.count()
                        + " join results. Timestamps increase within each partition, so no record is late.",
                "- Both sides get the same properties: `application.id`, `bootstrap.servers`, `state.dir` (a per-run "
                        + "directory) and `commit.interval.ms=" + context.commitIntervalMs() + "`; everything else at "
                        + "each runtime's defaults (at-least-once, one stream thread, `max.task.idle.ms=0`).",
                "- **kafka-streams-rill-clients**: Kafka Streams with the same properties plus the client settings Rill "
                        + "uses where they differ from Kafka Streams' defaults (" + RillClientSettings.describe() + ").",
                "- Time: until the application id's group has committed the end of both inputs; throughput counts the "
                        + "records of both inputs (" + 2 * input.count() + ").",
                "- Verified: the output topic read back must hold exactly the expected join results (multiset digest of "
                        + "key and joined value over " + expected.count() + " records); each run has its own output "
                        + "topic.",
                "- Also measured: *" + WindowedCountScenario.STATE_DIR_MIB + "*, the size of the side's `state.dir` "
                        + "after it has stopped.");
    }

    @Override
    public Launch beforeRun(BenchContext context, RunContext run) throws Exception {
        String output = outputTopic(run);
        context.cluster().createTopic(output, PARTITIONS, 1);
        Properties props = CountScenario.streamsProperties(run, LEFT_TOPIC, output);
        props.setProperty("bench.other.input.topic", RIGHT_TOPIC);
        props.setProperty("bench.window.size.ms", Long.toString(WINDOW.toMillis()));
        props.setProperty("bench.window.grace.ms", Long.toString(GRACE.toMillis()));
        Path file = run.workDir().resolve(run.side().name() + ".properties");
        SeedFilterScenario.write(props, file);
        return Launch.of(List.of(file.toString()), run.runId(), endOffsets);
    }

    @Override
    public Verdict verify(BenchContext context, RunContext run) throws Exception {
        RecordDigest actual = context.digestOfTopic(outputTopic(run));
        return actual.verdictAgainst(expected, "join results in output topic " + outputTopic(run))
                .withMeasurements(Map.of(WindowedCountScenario.STATE_DIR_MIB,
                        DirectorySize.mebibytes(WindowedCountScenario.stateDir(run))));
    }

    @Override
    public void afterRun(BenchContext context, RunContext run) throws Exception {
        context.admin().deleteTopics(List.of(outputTopic(run))).all().get(1, TimeUnit.MINUTES);
        DirectorySize.delete(WindowedCountScenario.stateDir(run));
    }

    private static String outputTopic(RunContext run) {
        return "joined-" + run.runId();
    }
}
