package dev.rill.bench.scenarios;

import dev.rill.bench.BenchContext;
import dev.rill.bench.FixedRateProducer;
import dev.rill.bench.Launch;
import dev.rill.bench.PaymentInput;
import dev.rill.bench.Percentiles;
import dev.rill.bench.RecordDigest;
import dev.rill.bench.RunContext;
import dev.rill.bench.Scenario;
import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import dev.rill.bench.Verdict;
import dev.rill.bench.sides.RillClientSettings;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The seed filter at a fixed input rate, measuring end-to-end latency: from an input record's timestamp (its send
 * time) to the append time of its output record, whose topic stamps {@code LogAppendTime}.
 */
public final class LatencyScenario implements Scenario {

    static final int PARTITIONS = 4;
    /** Used when no rate is given and no seed-filter run of Kafka Streams came before in this invocation. */
    static final long FALLBACK_RATE = 250_000;
    private static final long SEED = 20261204L;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    public static final List<Side> SIDES = List.of(
            Side.onHarnessClasspath("kafka-streams", SideRole.ANCHOR, "dev.rill.bench.sides.KafkaStreamsFilterMain"),
            Side.onHarnessClasspath("kafka-streams-rill-clients", SideRole.ANCHOR_WITH_RILL_CLIENTS,
                    "dev.rill.bench.sides.KafkaStreamsFilterMain"),
            Side.onHarnessClasspath("rill-streams", SideRole.RILL, "dev.rill.bench.sides.RillStreamsFilterMain"));

    private final List<Side> sides;
    private final Map<String, FixedRateProducer> producers = new ConcurrentHashMap<>();
    private long rate;
    private String rateSource;
    private long seconds;
    private long warmupMillis;

    /** The latency scenario with its standard sides. */
    public LatencyScenario() {
        this(SIDES);
    }

    /** The latency scenario run by other sides (the harness's own test runs fewer). */
    public LatencyScenario(List<Side> sides) {
        this.sides = List.copyOf(sides);
    }

    @Override
    public String id() {
        return "latency";
    }

    @Override
    public String title() {
        return "Seed filter latency at a fixed rate (at-least-once)";
    }

    @Override
    public List<Side> sides() {
        return sides;
    }

    @Override
    public void prepare(BenchContext context) {
        seconds = context.quick() ? 8 : 20;
        warmupMillis = context.quick() ? 1_000 : 2_000;
        if (context.latencyRate() > 0) {
            rate = context.latencyRate();
            rateSource = "given with --latency-rate";
        } else {
            var kafkaStreams = context.medianThroughput("seed-filter", "kafka-streams");
            rate = kafkaStreams.isPresent() ? Math.max(1_000, (long) (kafkaStreams.getAsDouble() / 2)) : FALLBACK_RATE;
            rateSource = kafkaStreams.isPresent()
                    ? "half of Kafka Streams' median throughput after its first commit in this run's seed-filter scenario"
                    : "a fallback: the seed-filter scenario did not run before it in this invocation (pass "
                            + "--latency-rate to choose)";
        }
    }

    @Override
    public List<String> describe(BenchContext context) {
        return List.of(
                "The seed filter (`filter((k, v) -> \"unknown\".equals(k))`) fed at a fixed rate of " + rate
                        + " records/s (" + rateSource + ") for " + seconds + " s per run, one record every "
                        + String.format(java.util.Locale.ROOT, "%.1f", 1_000_000.0 / rate) + " µs, round robin over "
                        + PARTITIONS + " partitions, by a producer in the harness JVM (`linger.ms=1`).",
                "",
                "- The producer starts when the side's group is stable with every input partition assigned; each "
                        + "record's timestamp is its send time, also carried in the header `"
                        + FixedRateProducer.SENT_HEADER + "` (both runtimes copy headers through `filter`).",
                "- The output topic stamps `LogAppendTime`; latency = the output record's append time minus the "
                        + "header's send time, over every output record sent after a warm-up of " + warmupMillis
                        + " ms. Percentiles by nearest rank, per run; the table gives their medians over runs.",
                "- Sides as in the seed filter: Kafka Streams with `commit.interval.ms=" + context.commitIntervalMs()
                        + "` and its defaults (producer `linger.ms=100`), Kafka Streams with Rill's client settings ("
                        + RillClientSettings.describe() + "), and Rill Streams with the same properties as Kafka "
                        + "Streams. The throughput columns above only show that every side kept up with the rate.",
                "- Verified: the output equals the records with key `unknown` that were sent (multiset digest).");
    }

    @Override
    public Launch beforeRun(BenchContext context, RunContext run) throws Exception {
        String input = inputTopic(run);
        String output = outputTopic(run);
        context.cluster().createTopic(input, PARTITIONS, 1);
        context.cluster().createTopic(output, PARTITIONS, 1, Map.of("message.timestamp.type", "LogAppendTime"));
        Properties props = CountScenario.streamsProperties(run, input, output);
        Path file = run.workDir().resolve(run.side().name() + ".properties");
        SeedFilterScenario.write(props, file);
        FixedRateProducer producer = new FixedRateProducer(context.bootstrapServers(), input, PARTITIONS,
                new PaymentInput(rate * seconds, SEED), rate, () -> allPartitionsAssigned(context, run.runId(), input),
                READY_TIMEOUT);
        producers.put(run.runId(), producer);
        producer.start();
        return Launch.of(List.of(file.toString()), run.runId(), new LinkedHashMap<>(producer.endOffsets()));
    }

    /** Whether the group is stable and its members hold every partition of the input topic. */
    private static boolean allPartitionsAssigned(BenchContext context, String group, String topic) {
        try {
            ConsumerGroupDescription description = context.admin().describeConsumerGroups(List.of(group))
                    .describedGroups().get(group).get(5, TimeUnit.SECONDS);
            if (description.groupState() != GroupState.STABLE) {
                return false;
            }
            Set<TopicPartition> assigned = new HashSet<>();
            for (MemberDescription member : description.members()) {
                assigned.addAll(member.assignment().topicPartitions());
            }
            return assigned.stream().filter(tp -> tp.topic().equals(topic)).count() == PARTITIONS;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public Verdict verify(BenchContext context, RunContext run) throws Exception {
        FixedRateProducer producer = producers.get(run.runId());
        if (!producer.awaitDone(Duration.ofMinutes(1))) {
            return Verdict.wrong("the input producer had not finished a minute after the side committed its input");
        }
        if (producer.failure() != null) {
            return Verdict.wrong("producing the input failed: " + producer.failure());
        }
        RecordDigest output = new RecordDigest();
        List<Long> latencies = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long measuredFrom = producer.startedAtMillis() + warmupMillis;
        context.forEachRecord(outputTopic(run), record -> {
            output.add(record.key(), record.value());
            Header sent = record.headers().lastHeader(FixedRateProducer.SENT_HEADER);
            if (record.timestampType() != TimestampType.LOG_APPEND_TIME || sent == null || sent.value().length != 8) {
                if (problems.size() < 3) {
                    problems.add("record at offset " + record.offset() + " has " + record.timestampType()
                            + (sent == null ? " and no " + FixedRateProducer.SENT_HEADER + " header" : ""));
                }
                return;
            }
            long sentAt = ByteBuffer.wrap(sent.value()).getLong();
            if (sentAt >= measuredFrom) {
                latencies.add(record.timestamp() - sentAt);
            }
        });
        Verdict verdict = output.verdictAgainst(producer.sentUnknown(), "output topic " + outputTopic(run));
        if (!problems.isEmpty()) {
            return Verdict.wrong("expected LogAppendTime records with a send-time header, found: " + problems);
        }
        if (!producer.becameReady()) {
            return Verdict.wrong("the side's group never had every input partition assigned within "
                    + READY_TIMEOUT.toSeconds() + " s, so its latency includes its start-up; " + verdict.detail());
        }
        if (!verdict.correct() || latencies.isEmpty()) {
            return latencies.isEmpty() && verdict.correct()
                    ? Verdict.wrong("no output record was sent after the warm-up; nothing to measure") : verdict;
        }
        return verdict.withMeasurements(figures(latencies, producer.achievedRate()));
    }

    /** The figures of one run: latency percentiles (ms) and the input rate the producer reached. */
    static Map<String, Double> figures(List<Long> latencies, double achievedRate) {
        Percentiles percentiles = Percentiles.of(latencies.stream().mapToLong(Long::longValue).toArray());
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("latency p50 (ms)", (double) percentiles.at(50));
        figures.put("latency p99 (ms)", (double) percentiles.at(99));
        figures.put("latency p99.9 (ms)", (double) percentiles.at(99.9));
        figures.put("input rate reached (k rec/s)", achievedRate / 1000);
        return figures;
    }

    @Override
    public void afterRun(BenchContext context, RunContext run) throws Exception {
        FixedRateProducer producer = producers.remove(run.runId());
        if (producer != null) {
            producer.close();
        }
        context.admin().deleteTopics(List.of(inputTopic(run), outputTopic(run))).all().get(1, TimeUnit.MINUTES);
    }

    private static String inputTopic(RunContext run) {
        return "latency-in-" + run.runId();
    }

    private static String outputTopic(RunContext run) {
        return "latency-out-" + run.runId();
    }
}
