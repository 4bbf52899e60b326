package dev.rill.cli;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rill produce} and {@code rill consume} against an embedded broker, run in-process. */
class ProduceConsumeIT {

    private static final int RECORDS = 10_000;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.of(() ->
            dev.rill.kafka.embedded.EmbeddedKafkaCluster.builder().brokerProperty("auto.create.topics.enable", "false"));

    @TempDir
    Path dir;

    @Test
    void tenThousandRecordsWithHeadersMakeTheRoundTripExactly() throws IOException {
        String topic = KAFKA.cluster().newTopic("round-trip", 3);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            lines.add("trace:" + i + ",source:cli test,empty:\tkey-" + i + "\tvalue " + i + " with\ttab and : , chars");
        }
        Path input = Files.write(dir.resolve("input.txt"), lines, StandardCharsets.UTF_8);

        CliRun produce = CliRun.of("produce", topic, "--bootstrap-server", KAFKA.bootstrapServers(), "--file",
                input.toString(), "--parse-headers", "--key-separator", "\\t");
        assertThat(produce.exitCode).as(produce.toString()).isZero();
        assertThat(produce.err).contains("Sent 10000 records to " + topic);

        CliRun consume = CliRun.of("consume", topic, "--bootstrap-server", KAFKA.bootstrapServers(),
                "--from-beginning", "--format", "%h\\t%k\\t%s\\n", "--max-messages", Integer.toString(RECORDS));
        assertThat(consume.exitCode).as(consume.err).isZero();
        List<String> printed = Arrays.asList(consume.out.split("\n", -1));
        assertThat(printed.get(printed.size() - 1)).isEmpty();
        assertThat(printed.subList(0, printed.size() - 1)).hasSize(RECORDS).containsExactlyInAnyOrderElementsOf(lines);
        assertThat(consume.err).contains("Processed a total of 10000 messages");

        CliRun positions = CliRun.of("consume", topic, "--bootstrap-server", KAFKA.bootstrapServers(),
                "--from-beginning", "--exit-at-end", "--format", "%t %p %o %K %S\\n");
        assertThat(positions.exitCode).as(positions.err).isZero();
        List<String> rows = positions.out.lines().collect(Collectors.toList());
        assertThat(rows).hasSize(RECORDS).allMatch(row -> row.matches(topic + " [0-2] \\d+ \\d+ \\d+"));
        assertThat(rows.stream().map(row -> row.split(" ")[1] + "/" + row.split(" ")[2]).distinct()).hasSize(RECORDS);
    }

    @Test
    void bytesFormatsNullMarkersAndConstantHeaders() throws IOException {
        String topic = KAFKA.cluster().newTopic("bytes", 1);
        Path input = Files.write(dir.resolve("bytes.txt"), List.of("cafe=00ff10", "NULL=beef", "0a0b=NULL"),
                StandardCharsets.UTF_8);

        CliRun produce = CliRun.of("produce", topic, "--bootstrap-server", KAFKA.bootstrapServers(), "--file",
                input.toString(), "--key-separator", "=", "--key-format", "hex", "--value-format", "hex",
                "--null-marker", "NULL", "--header", "origin=import", "--rate", "1000");
        assertThat(produce.exitCode).as(produce.toString()).isZero();

        CliRun consume = CliRun.of("consume", topic, "--bootstrap-server", KAFKA.bootstrapServers(),
                "--from-beginning", "--exit-at-end", "--key-format", "base64", "--value-format", "hex",
                "--null-marker", "(null)", "--format", "%o %k %s %h %%\\n");
        assertThat(consume.exitCode).as(consume.err).isZero();
        assertThat(consume.out).isEqualTo("0 yv4= 00ff10 origin:import %\n1 (null) beef origin:import %\n"
                + "2 Cgs= (null) origin:import %\n");
    }

    @Test
    void stdinIsReadToItsEndAtNoMoreThanTheRate() {
        String topic = KAFKA.cluster().newTopic("stdin", 1);
        String lines = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "line " + i + "\n")
                .collect(Collectors.joining());
        java.io.InputStream stdin = System.in;
        System.setIn(new java.io.ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
        long started = System.nanoTime();
        CliRun produce;
        try {
            produce = CliRun.of("produce", topic, "--bootstrap-server", KAFKA.bootstrapServers(), "--rate", "20");
        } finally {
            System.setIn(stdin);
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(produce.exitCode).as(produce.toString()).isZero();
        assertThat(elapsedMillis).as("21 records at 20/s: the last is due 1 s after the first").isGreaterThanOrEqualTo(1_000);
        assertThat(CliRun.of("consume", topic, "--bootstrap-server", KAFKA.bootstrapServers(), "--from-beginning",
                "--exit-at-end").out).isEqualTo(lines);
    }

    @Test
    void offsetPartitionAndTimestampChooseWhereToStart() throws Exception {
        String topic = KAFKA.cluster().newTopic("positions", 2);
        // Recent timestamps: records stamped in 1970 would be past retention and could be deleted mid-test.
        long base = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KAFKA.cluster().clientConfig(),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 1, base + 1_000L * (i + 1), "k", "v" + i)).get();
            }
        }
        String bootstrap = KAFKA.bootstrapServers();

        assertThat(CliRun.of("consume", topic, "--bootstrap-server", bootstrap, "--partition", "1", "--offset", "7",
                "--exit-at-end").out).isEqualTo("v7\nv8\nv9\n");
        assertThat(CliRun.of("consume", topic, "--bootstrap-server", bootstrap, "--offset", "-2", "--exit-at-end",
                "--format", "%p:%s\\n").out).isEqualTo("1:v8\n1:v9\n");
        assertThat(CliRun.of("consume", topic, "--bootstrap-server", bootstrap, "--timestamp",
                Long.toString(base + 9_000), "--exit-at-end", "--format", "%T %s\\n").out)
                .isEqualTo((base + 9_000) + " v8\n" + (base + 10_000) + " v9\n");
        assertThat(CliRun.of("consume", topic, "--bootstrap-server", bootstrap, "--timestamp",
                java.time.Instant.ofEpochMilli(base + 9_500).toString(), "--exit-at-end").out).isEqualTo("v9\n");
        assertThat(CliRun.of("consume", topic, "--bootstrap-server", bootstrap, "--exit-at-end").out)
                .as("without a start option, from the end").isEmpty();
    }

    @Test
    void readCommittedHidesAnAbortedTransaction() throws Exception {
        String topic = KAFKA.cluster().newTopic("isolation", 1);
        var config = KAFKA.cluster().clientConfig();
        config.put("transactional.id", "cli-test-" + topic);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed"));
            producer.commitTransaction();
        }
        String bootstrap = KAFKA.bootstrapServers();

        assertThat(CliRun.of("consume", topic, "--bootstrap-server", bootstrap, "--from-beginning",
                "--isolation", "read_committed", "--max-messages", "1").out).isEqualTo("committed\n");
        assertThat(CliRun.of("consume", topic, "--bootstrap-server", bootstrap, "--from-beginning",
                "--isolation", "read_uncommitted", "--max-messages", "2").out).isEqualTo("aborted\ncommitted\n");
    }

    @Test
    void consumingATopicThatDoesNotExistSaysSoAndHowToCreateIt() {
        CliRun run = CliRun.of("consume", "no-such-topic", "--bootstrap-server", KAFKA.bootstrapServers(),
                "--from-beginning");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err.strip()).isEqualTo("rill consume: topic 'no-such-topic' does not exist at "
                + KAFKA.bootstrapServers() + ": expected an existing topic; 'rill topics list' lists them, "
                + "'rill topics create no-such-topic' creates it");
    }

    @Test
    void producingToATopicThatDoesNotExistSaysSoWhenTheBrokersDoNotCreateIt() throws IOException {
        Path input = Files.write(dir.resolve("one.txt"), List.of("v"), StandardCharsets.UTF_8);

        CliRun run = CliRun.of("produce", "no-such-topic", "--bootstrap-server", KAFKA.bootstrapServers(), "--file",
                input.toString(), "--timeout", "2");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err.strip()).isEqualTo("rill produce: topic 'no-such-topic' does not exist at "
                + KAFKA.bootstrapServers() + " and the brokers did not create it within 2 s: expected an existing "
                + "topic; create it with 'rill topics create no-such-topic'");
    }

    @Test
    void aLineWithoutTheKeySeparatorFailsNamingTheLine() throws Exception {
        String topic = KAFKA.cluster().newTopic("bad-lines", 1);
        Path input = Files.write(dir.resolve("bad.txt"), List.of("a:1", "no separator here"), StandardCharsets.UTF_8);

        CliRun run = CliRun.of("produce", topic, "--bootstrap-server", KAFKA.bootstrapServers(), "--file",
                input.toString(), "--key-separator", ":");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err.strip()).isEqualTo("rill produce: line 2 has no key separator ':': expected KEY:VALUE; "
                + "found: 'no separator here'");
        try (Admin admin = KAFKA.cluster().admin()) {
            assertThat(admin.listOffsets(java.util.Map.of(new org.apache.kafka.common.TopicPartition(topic, 0),
                    org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get().values().iterator().next().offset())
                    .as("the lines before the bad one were sent").isEqualTo(1);
        }
    }
}
