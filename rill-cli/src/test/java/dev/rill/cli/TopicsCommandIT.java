package dev.rill.cli;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rill topics} against an embedded broker, run in-process. */
class TopicsCommandIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private CliRun topics(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "topics";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--bootstrap-server";
        all[args.length + 2] = KAFKA.bootstrapServers();
        return CliRun.of(all);
    }

    @Test
    void createDescribeAlterConfigAndDelete() throws Exception {
        String topic = "orders-" + UUID.randomUUID().toString().substring(0, 8);

        CliRun create = topics("create", topic, "--partitions", "3", "--replication-factor", "1",
                "--config", "retention.ms=86400000", "--config", "cleanup.policy=compact");
        assertThat(create.exitCode).as(create.toString()).isZero();
        assertThat(create.out).isEqualTo("Created topic " + topic + ".\n");
        try (Admin admin = KAFKA.cluster().admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(3);
            assertThat(config(admin, topic).get("retention.ms").value()).isEqualTo("86400000");
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KAFKA.cluster().clientConfig(),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 2, "k" + i, "v" + i)).get();
            }
        }

        assertThat(topics("list").out.lines()).contains(topic);
        CliRun describe = topics("describe", topic);
        assertThat(describe.exitCode).as(describe.toString()).isZero();
        assertThat(describe.out).contains("Topic: " + topic + "  partitions: 3  replication factor: 1")
                .contains("Configs: cleanup.policy=compact, retention.ms=86400000")
                .containsPattern("PARTITION +LEADER +REPLICAS +ISR +START-OFFSET +END-OFFSET")
                .containsPattern("\n0 +0 +0 +0 +0 +0 *\n")
                .containsPattern("\n2 +0 +0 +0 +0 +5 *\n");

        CliRun alter = topics("alter-config", topic, "--set", "retention.ms=3600000", "--delete", "cleanup.policy");
        assertThat(alter.exitCode).as(alter.toString()).isZero();
        assertThat(alter.out).isEqualTo("Updated the configs of topic " + topic
                + ": retention.ms=3600000, cleanup.policy removed.\n");
        try (Admin admin = KAFKA.cluster().admin()) {
            Config config = config(admin, topic);
            assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        }
        assertThat(topics("describe", topic).out).contains("Configs: retention.ms=3600000\n");

        CliRun delete = topics("delete", topic);
        assertThat(delete.exitCode).as(delete.toString()).isZero();
        assertThat(delete.out).isEqualTo("Deleted topic " + topic + ".\n");
        try (Admin admin = KAFKA.cluster().admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @Test
    void mistakesAreOneLineSayingWhatToDo() {
        String topic = KAFKA.cluster().newTopic("existing", 1);

        CliRun again = topics("create", topic);
        assertThat(again.exitCode).isEqualTo(1);
        assertThat(again.err.strip()).doesNotContain("\n").startsWith("rill topics create: cannot create topic '"
                + topic + "': Topic '" + topic + "' already exists.").endsWith("(pass --if-not-exists to accept an existing topic)");
        assertThat(topics("create", topic, "--if-not-exists").exitCode).isZero();

        CliRun missing = topics("describe", "no-such-topic");
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err.strip()).doesNotContain("\n").startsWith("rill topics describe: cannot describe no-such-topic: ")
                .endsWith("(expected an existing topic; 'rill topics list' lists them)");

        CliRun deleteMissing = topics("delete", "no-such-topic");
        assertThat(deleteMissing.exitCode).isEqualTo(1);
        assertThat(deleteMissing.err).contains("cannot delete topic 'no-such-topic'");
        assertThat(topics("delete", "no-such-topic", "--if-exists").out).isEqualTo("Topic no-such-topic does not exist.\n");

        CliRun badConfig = topics("alter-config", topic, "--set", "retention.msec=1");
        assertThat(badConfig.exitCode).isEqualTo(1);
        assertThat(badConfig.err).contains("cannot change the configs of topic '" + topic + "'", "retention.msec",
                "correct the value");

        CliRun nothing = topics("alter-config", topic);
        assertThat(nothing.exitCode).isEqualTo(2);
        assertThat(nothing.err).startsWith("rill topics alter-config: nothing to change: expected at least one "
                + "--set KEY=VALUE or --delete KEY");

        CliRun zeroPartitions = topics("create", "t", "--partitions", "0");
        assertThat(zeroPartitions.exitCode).isEqualTo(2);
        assertThat(zeroPartitions.err).startsWith("rill topics create: --partitions must be at least 1, was 0");
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
