package dev.rill.cli;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code rill groups} (and {@code rill consume --group}) against an embedded broker, run in-process. */
class GroupsCommandIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @Test
    void consumeWithAGroupCommitsWhatItPrintedAndResetIsADryRunUntilExecute() throws Exception {
        String topic = KAFKA.cluster().newTopic("lag", 2);
        String group = "readers-" + UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = KAFKA.bootstrapServers();
        produce(topic, 0, 30);
        produce(topic, 1, 20);

        CliRun consume = CliRun.of("consume", topic, "--bootstrap-server", bootstrap, "--group", group,
                "--from-beginning", "--max-messages", "50");
        assertThat(consume.exitCode).as(consume.toString()).isZero();
        assertThat(committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 30L, new TopicPartition(topic, 1), 20L));
        produce(topic, 1, 5);

        assertThat(CliRun.of("groups", "list", "--bootstrap-server", bootstrap).out).containsPattern(group + " +\\S+ +Empty");
        CliRun describe = CliRun.of("groups", "describe", group, "--bootstrap-server", bootstrap);
        assertThat(describe.exitCode).as(describe.toString()).isZero();
        assertThat(describe.out).contains("Group " + group + ": state Empty, 0 members")
                .containsPattern(topic + " +0 +30 +30 +0 +- +- +-")
                .containsPattern(topic + " +1 +20 +25 +5 +- +- +-")
                .contains("Total lag: 5");

        CliRun dryRun = CliRun.of("groups", "reset-offsets", group, "--topic", topic, "--to-earliest",
                "--bootstrap-server", bootstrap);
        assertThat(dryRun.exitCode).as(dryRun.toString()).isZero();
        assertThat(dryRun.out).containsPattern("GROUP +TOPIC +PARTITION +CURRENT-OFFSET +NEW-OFFSET")
                .containsPattern(group + " +" + topic + " +0 +30 +0")
                .containsPattern(group + " +" + topic + " +1 +20 +0")
                .contains("Dry run: nothing changed. Run again with --execute to commit these offsets.");
        assertThat(committed(group)).as("a dry run changes nothing")
                .isEqualTo(Map.of(new TopicPartition(topic, 0), 30L, new TopicPartition(topic, 1), 20L));

        CliRun execute = CliRun.of("groups", "reset-offsets", group, "--topic", topic + ":1", "--to-offset", "3",
                "--execute", "--bootstrap-server", bootstrap);
        assertThat(execute.exitCode).as(execute.toString()).isZero();
        assertThat(execute.out).contains("Reset the offsets of group " + group + " for 1 partition.");
        assertThat(committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 30L, new TopicPartition(topic, 1), 3L));

        CliRun earliest = CliRun.of("groups", "reset-offsets", group, "--all-topics", "--to-earliest", "--execute",
                "--bootstrap-server", bootstrap);
        assertThat(earliest.exitCode).as(earliest.toString()).isZero();
        assertThat(committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 0L, new TopicPartition(topic, 1), 0L));
        assertThat(CliRun.of("groups", "describe", group, "--bootstrap-server", bootstrap).out).contains("Total lag: 55");

        CliRun shifted = CliRun.of("groups", "reset-offsets", group, "--topic", topic, "--shift-by", "10",
                "--execute", "--bootstrap-server", bootstrap);
        assertThat(shifted.exitCode).as(shifted.toString()).isZero();
        assertThat(committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 10L, new TopicPartition(topic, 1), 10L));

        CliRun latest = CliRun.of("groups", "reset-offsets", group, "--topic", topic, "--to-datetime",
                "2999-01-01T00:00:00Z", "--execute", "--bootstrap-server", bootstrap);
        assertThat(latest.exitCode).as(latest.toString()).isZero();
        assertThat(committed(group)).as("no record at or after the time: the end")
                .isEqualTo(Map.of(new TopicPartition(topic, 0), 30L, new TopicPartition(topic, 1), 25L));
    }

    @Test
    void resetIsRefusedWhileTheGroupHasActiveMembers() throws Exception {
        String topic = KAFKA.cluster().newTopic("active", 1);
        String group = "active-" + UUID.randomUUID().toString().substring(0, 8);
        produce(topic, 0, 3);
        Map<String, Object> config = KAFKA.cluster().clientConfig();
        config.put("group.id", group);
        config.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> member = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            member.subscribe(List.of(topic));
            java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).until(() -> read.addAndGet(member.poll(Duration.ofMillis(100)).count()) == 3);
            member.commitSync();

            CliRun run = CliRun.of("groups", "reset-offsets", group, "--topic", topic, "--to-earliest", "--execute",
                    "--bootstrap-server", KAFKA.bootstrapServers());

            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.err.strip()).startsWith("rill groups reset-offsets: group '" + group + "' has 1 active member(s)")
                    .endsWith("offsets can only be reset while the group is inactive; stop its consumers and run this again");
            assertThat(committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 3L));
        }
    }

    @Test
    void resetNeedsATargetAndAScope() {
        CliRun noTarget = CliRun.of("groups", "reset-offsets", "g", "--topic", "t");
        assertThat(noTarget.exitCode).isEqualTo(2);
        assertThat(noTarget.err).contains("Error: Missing required argument (specify one of these):",
                "--to-earliest", "--to-latest", "--to-offset", "--to-datetime", "--shift-by");

        CliRun both = CliRun.of("groups", "reset-offsets", "g", "--topic", "t", "--to-earliest", "--dry-run", "--execute");
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err).contains("--dry-run", "--execute", "mutually exclusive");
    }

    private static void produce(String topic, int partition, int count) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KAFKA.cluster().clientConfig(),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "k", "v" + i)).get();
            }
        }
    }

    private static Map<TopicPartition, Long> committed(String group) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

}
