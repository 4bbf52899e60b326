package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exactly-once system test, after Kafka Streams' own: three instances of {@link ExactlyOnceSystemApp} (echo, a
 * repartitioning sum/count/min/max aggregation, a stream–table join) run in child JVMs against three brokers in child
 * JVMs while a producer writes the input at a steady pace. Three times a random instance is killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) and restarted on its state directory; then the broker leading the
 * echo topic's partitions is killed with SIGKILL and restarted, all while records flow. Read with
 * {@code read_committed}, the outputs must then be exact: the echo topic holds each partition's input once and in
 * order, each group's aggregate updates count 1, 2, …, n and end at the sum, count, min and max recomputed from the
 * input, the join topic holds exactly one record per input record with its key's label, and no transaction of the
 * application is left open once the instances have been closed.
 */
class ExactlyOnceSystemIT {
    private static final int PARTITIONS = 5;
    private static final int KEYS = 35;
    private static final int INSTANCES = 3;
    private static final int KILL_ROUNDS = 3;
    /** Records per producer batch; one batch every {@link #BATCH_PAUSE_MS}: about 100 records a second. */
    private static final int BATCH = 20;
    private static final long BATCH_PAUSE_MS = 200;
    private static final Duration CATCH_UP = Duration.ofSeconds(180);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.of(() -> EmbeddedKafkaCluster.builder()
            .brokers(3).forkedBrokers(true)
            // the transaction state log: replicated to all three brokers, writable with one of them down
            .brokerProperty("transaction.state.log.replication.factor", "3")
            .brokerProperty("transaction.state.log.min.isr", "2")
            .brokerProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"));

    private final Process[] instances = new Process[INSTANCES];
    private final List<Path> logs = new ArrayList<>();
    private final Path[] currentLogs = new Path[INSTANCES];
    private final Collection<Exception> sendErrors = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final AtomicLong acknowledged = new AtomicLong();
    private Thread producer;
    private int killedBroker = -1;

    @AfterEach
    void tearDown() throws Exception {
        producing.set(false);
        if (producer != null) {
            producer.join(TimeUnit.SECONDS.toMillis(30));
        }
        for (Process p : instances) {
            if (p != null) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (killedBroker >= 0 && !KAFKA.cluster().isBrokerRunning(killedBroker)) {
            KAFKA.cluster().startBroker(killedBroker);
        }
    }

    @Test
    void killedInstancesAndAKilledBrokerLeaveEveryOutputExact() throws Exception {
        long seed = Long.getLong("rill.eos.seed", System.nanoTime());
        System.out.println("ExactlyOnceSystemIT seed " + seed + " (rerun with -Drill.eos.seed=" + seed + ")");
        Random random = new Random(seed);
        long begin = System.nanoTime();
        deleteOldLogs();
        String run = Long.toString(System.nanoTime(), 36);
        String in = topic("eos-sys-in-" + run);
        String labels = topic("eos-sys-labels-" + run);
        String echo = topic("eos-sys-echo-" + run);
        String aggregates = topic("eos-sys-agg-" + run);
        String joins = topic("eos-sys-join-" + run);
        String appId = "eos-sys-" + run;
        fillLabels(labels);

        String[] stateDirs = new String[INSTANCES];
        for (int i = 0; i < INSTANCES; i++) {
            stateDirs[i] = Files.createTempDirectory("rill-eos-sys-" + i + "-").toString();
            instances[i] = start(i, appId, stateDirs[i], in, labels, echo, aggregates, joins);
        }
        producer = new Thread(() -> produce(in, new Random(random.nextLong())), "eos-sys-producer");
        producer.start();
        await().atMost(CATCH_UP).until(() -> acknowledged.get() >= 500);
        logs.forEach(ExactlyOnceSystemIT::awaitRunningWithTasks);
        awaitCaughtUp(appId, in, "the first records");

        int instanceKills = 0;
        for (int round = 0; round < KILL_ROUNDS; round++) {
            int victim = random.nextInt(INSTANCES);
            instances[victim].destroyForcibly().waitFor();
            instanceKills++;
            long down = 2000 + random.nextInt(2000);
            System.out.printf("round %d: killed instance %d (SIGKILL) at %d acknowledged input records; "
                    + "restarting it after %d ms%n", round + 1, victim, acknowledged.get(), down);
            Thread.sleep(down); // the pause of an operator restarting it; correctness never waits on it
            instances[victim] = start(victim, appId, stateDirs[victim], in, labels, echo, aggregates, joins);
            awaitRunningWithTasks(logs.get(logs.size() - 1));
            awaitCaughtUp(appId, in, "after restarting instance " + victim);
        }

        killedBroker = leaderOfMostPartitions(echo);
        KAFKA.cluster().hardKillBroker(killedBroker);
        System.out.printf("round %d: killed broker %d (SIGKILL), the leader of most %s partitions, at %d "
                + "acknowledged input records%n", KILL_ROUNDS + 1, killedBroker, echo, acknowledged.get());
        long atBrokerKill = acknowledged.get();
        // input written through the two brokers left, then processed while the third is still down
        await().atMost(CATCH_UP).until(() -> acknowledged.get() >= atBrokerKill + 300);
        awaitCaughtUp(appId, in, "with broker " + killedBroker + " down");
        KAFKA.cluster().startBroker(killedBroker);
        awaitCaughtUp(appId, in, "after restarting broker " + killedBroker);

        producing.set(false);
        producer.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(sendErrors).as("input records the producer failed to write").isEmpty();
        awaitCaughtUp(appId, in, "the last records");
        ExactlyOnceVerifier verifier = new ExactlyOnceVerifier(KAFKA.bootstrapServers());
        long produced = acknowledged.get();
        for (String out : List.of(echo, aggregates, joins)) {
            await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1))
                    .until(() -> verifier.committedOutputs(out) >= produced);
        }
        long processingMs = (System.nanoTime() - begin) / 1_000_000;

        for (int i = 0; i < INSTANCES; i++) {
            instances[i].destroy(); // SIGTERM: the shutdown hook closes the instance cleanly
        }
        for (int i = 0; i < INSTANCES; i++) {
            assertThat(instances[i].waitFor(90, TimeUnit.SECONDS)).as("instance %d exited", i).isTrue();
            assertThat(Files.readAllLines(currentLogs[i])).as("instance %d closed cleanly", i)
                    .contains("CLOSED true");
        }
        assertNoOpenTransaction(appId);

        Map<Integer, List<ConsumerRecord<String, String>>> input = verifier.readCommittedPartitions(in);
        Map<Integer, List<ConsumerRecord<String, String>>> echoed = verifier.readCommittedPartitions(echo);
        Map<Integer, List<ConsumerRecord<String, String>>> aggregated = verifier.readCommittedPartitions(aggregates);
        Map<Integer, List<ConsumerRecord<String, String>>> joined = verifier.readCommittedPartitions(joins);
        long inputCount = count(input);
        System.out.printf("ExactlyOnceSystemIT: %d input records (%d acknowledged), committed out: echo %d, "
                + "aggregate %d, join %d; %d instance kills, 1 broker kill; processing %d ms, total %d ms%n",
                inputCount, produced, count(echoed), count(aggregated), count(joined), instanceKills, processingMs,
                (System.nanoTime() - begin) / 1_000_000);
        printRestores();

        assertThat(inputCount).as("input records in the topic = acknowledged ones").isEqualTo(produced);
        // echo: each partition's input, once and in order
        assertThat(pairs(echoed)).as("echo output per partition").isEqualTo(pairs(input));
        // join: one record per input record, in order, with its key's label
        Map<Integer, List<String>> expectedJoins = new TreeMap<>();
        input.forEach((p, records) -> expectedJoins.put(p, records.stream()
                .map(r -> r.key() + "=" + ExactlyOnceSystemApp.joined(label(r.key()), r.value())).toList()));
        assertThat(pairs(joined)).as("join output per partition").isEqualTo(expectedJoins);
        // aggregation: one update per input record; per group counts 1..n and the recomputed final value
        assertThat(count(aggregated)).as("aggregate updates").isEqualTo(inputCount);
        Map<String, String> expectedFinal = new TreeMap<>();
        input.values().stream().flatMap(List::stream).forEach(r -> {
            String group = ExactlyOnceSystemApp.group(r.key());
            expectedFinal.put(group, ExactlyOnceSystemApp.fold(
                    expectedFinal.getOrDefault(group, ExactlyOnceSystemApp.EMPTY), Long.parseLong(r.value())));
        });
        Map<String, List<String>> updates = new TreeMap<>();
        aggregated.values().stream().flatMap(List::stream)
                .forEach(r -> updates.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
        assertThat(updates.keySet()).isEqualTo(expectedFinal.keySet());
        updates.forEach((group, values) -> {
            assertThat(values.stream().map(v -> Long.parseLong(v.split(",")[1])).toList())
                    .as("counts of group %s", group)
                    .isEqualTo(LongStream.rangeClosed(1, values.size()).boxed().toList());
            assertThat(values.get(values.size() - 1)).as("final sum,count,min,max of group %s", group)
                    .isEqualTo(expectedFinal.get(group));
        });
        System.out.println("ExactlyOnceSystemIT final aggregates (sum,count,min,max): " + expectedFinal);
    }

    private static String topic(String name) {
        KAFKA.cluster().createTopic(name, PARTITIONS, 3, Map.of("min.insync.replicas", "2"));
        return name;
    }

    private static String label(String key) {
        return "label-" + key + "-" + (key.hashCode() & 0xfff);
    }

    /** The table side of the join, filled before the application starts. */
    private static void fillLabels(String labels) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new StringSerializer())) {
            for (int k = 0; k < KEYS; k++) {
                p.send(new ProducerRecord<>(labels, "k" + k, label("k" + k))).get();
            }
        }
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return p;
    }

    /**
     * Writes the input at a steady pace until told to stop: random keys, and values 0, 1, 2, … in the order sent
     * (so each key's values increase), acknowledged by all in-sync replicas.
     */
    private void produce(String in, Random random) {
        long next = 0;
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new StringSerializer())) {
            while (producing.get()) {
                for (int i = 0; i < BATCH; i++) {
                    p.send(new ProducerRecord<>(in, "k" + random.nextInt(KEYS), Long.toString(next++)),
                            (metadata, error) -> {
                                if (error == null) {
                                    acknowledged.incrementAndGet();
                                } else {
                                    sendErrors.add(error);
                                }
                            });
                }
                Thread.sleep(BATCH_PAUSE_MS);
            }
            p.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the application has committed, on every input partition, all input written before the call: each
     * partition's tasks made progress, through whatever just happened.
     */
    private static void awaitCaughtUp(String appId, String in, String when) throws Exception {
        long start = System.nanoTime();
        try (Admin admin = KAFKA.cluster().admin()) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                ends.putAll(endOffsets(admin, in));
                return true;
            });
            await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                        .partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> committed.containsKey(e.getKey())
                        && committed.get(e.getKey()).offset() >= e.getValue());
            });
            System.out.printf("caught up %s: %d input records committed in %d ms%n", when,
                    ends.values().stream().mapToLong(Long::longValue).sum(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Waits until a restarted instance runs (RUNNING with active tasks): it takes part again, not only its peers. */
    private static void awaitRunningWithTasks(Path log) {
        long start = System.nanoTime();
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> Files.readAllLines(log).stream()
                .anyMatch(l -> l.startsWith("STATUS RUNNING ") && !l.equals("STATUS RUNNING 0")));
        System.out.printf("%s runs tasks %d ms after its start%n", log.getFileName(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static int leaderOfMostPartitions(String topic) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            Map<Integer, Long> leaders = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(TopicPartitionInfo::leader)
                    .collect(Collectors.groupingBy(n -> n.id(), Collectors.counting()));
            return leaders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }

    /** After a clean close no transactional id of the application may have a transaction open or half-ended. */
    private static void assertNoOpenTransaction(String appId) throws Exception {
        Set<TransactionState> open = Set.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
                TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);
        try (Admin admin = KAFKA.cluster().admin()) {
            List<String> ids = admin.listTransactions().all().get().stream()
                    .map(TransactionListing::transactionalId).filter(id -> id.startsWith(appId + "-")).toList();
            assertThat(ids).as("transactional ids of %s", appId).isNotEmpty();
            // a commit marker may still be on its way right after the close: its state settles within seconds
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Map<String, TransactionDescription> described = admin.describeTransactions(ids).all().get();
                Map<String, TransactionState> states = described.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().state()));
                assertThat(states).as("transaction states").allSatisfy((id, s) -> assertThat(open).doesNotContain(s));
            });
            Map<String, TransactionState> listed = admin.listTransactions().all().get().stream()
                    .filter(t -> t.transactionalId().startsWith(appId + "-"))
                    .collect(Collectors.toMap(TransactionListing::transactionalId, TransactionListing::state));
            System.out.println("ExactlyOnceSystemIT transactions after close: " + listed);
            assertThat(listed.values()).as("listed transaction states").doesNotContainAnyElementsOf(open);
        }
    }

    private static long count(Map<Integer, List<ConsumerRecord<String, String>>> records) {
        return records.values().stream().mapToLong(List::size).sum();
    }

    private static Map<Integer, List<String>> pairs(Map<Integer, List<ConsumerRecord<String, String>>> records) {
        Map<Integer, List<String>> out = new TreeMap<>();
        records.forEach((p, rs) -> out.put(p, rs.stream().map(r -> r.key() + "=" + r.value()).toList()));
        return out;
    }

    /** Per incarnation: how long it took to reach RUNNING and how many changelog records it restored. */
    private void printRestores() throws IOException {
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log);
            String running = lines.stream().filter(l -> l.startsWith("RUNNING ")).map(l -> l.substring(8))
                    .findFirst().orElse("-");
            long restored = lines.stream().filter(l -> l.startsWith("RESTORED "))
                    .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
            System.out.printf("  %s: RUNNING after %s ms, %d changelog records restored%n", log.getFileName(),
                    running, restored);
        }
    }

    /** The instance logs of an earlier run, so that target/ shows only this run's incarnations. */
    private static void deleteOldLogs() throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(Path.of("target"), "eos-system-instance-*.log")) {
            for (Path log : old) {
                Files.delete(log);
            }
        }
    }

    private Process start(int index, String appId, String stateDir, String... topics) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = new File("target/eos-system-instance-" + index + "-" + logs.size() + ".log").toPath();
        Files.deleteIfExists(log);
        logs.add(log);
        currentLogs[index] = log;
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), ExactlyOnceSystemApp.class.getName(),
                KAFKA.bootstrapServers(), appId, stateDir));
        command.addAll(List.of(topics));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }
}
