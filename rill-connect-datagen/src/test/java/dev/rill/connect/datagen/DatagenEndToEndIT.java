package dev.rill.connect.datagen;

import static dev.rill.connect.plugintest.WorkerTesting.consume;
import static dev.rill.connect.plugintest.WorkerTesting.workerProps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.connect.ConnectWorker;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The datagen plugin directory on a Rill standalone worker: two tasks, a fixed total, schemaless JSON. */
class DatagenEndToEndIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path dir;

    @Test
    void twoTasksProduceExactlyTheConfiguredNumberOfPaymentsAsJson() {
        String topic = KAFKA.cluster().newTopic("payments", 2);
        Map<String, String> datagen = new HashMap<>(Map.of("name", "datagen-" + topic,
                "connector.class", "RillDatagen", "kafka.topic", topic, "quickstart", "payments",
                "iterations", "1000", "seed", "42", "tasks.max", "2"));
        try (ConnectWorker worker = ConnectWorker.builder().workerProperties(workerProps(KAFKA.bootstrapServers(), dir))
                .connectors(List.of(datagen)).start()) {
            List<ConsumerRecord<String, String>> records = consume(KAFKA.bootstrapServers(), topic, 1000);
            assertThat(records).hasSize(1000);
            assertThat(records).extracting(r -> r.value().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))
                    .doesNotHaveDuplicates().allMatch(id -> id.matches("pay-[01]-\\d+"));
            assertThat(records).allSatisfy(r -> {
                assertThat(r.key()).matches("unknown|customer-\\d+");
                assertThat(r.value()).startsWith("{\"id\":\"pay-").contains("\"customer\":\"" + r.key() + "\"",
                        "\"currency\":", "\"amount\":", "\"timestamp\":");
            });
        }
    }
}
