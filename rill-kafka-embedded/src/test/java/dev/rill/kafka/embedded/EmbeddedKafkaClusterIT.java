package dev.rill.kafka.embedded;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaClusterIT {

    @Test
    void keepsRecordsAcrossARestartOnTheSameDataDir(@TempDir Path dataDir) {
        String clusterId;
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dataDir).start()) {
            clusterId = kafka.clusterId();
            kafka.createTopic("kept", 2, 1);
            Records.produce(kafka.bootstrapServers(), "kept", 1_000);
        }
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dataDir).start()) {
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            List<ConsumerRecord<String, String>> records =
                    Records.consume(kafka.bootstrapServers(), "kept", 1_000, Duration.ofSeconds(30));
            assertThat(records).hasSize(1_000);
            assertThat(records.stream().map(ConsumerRecord::value).collect(Collectors.toSet()))
                    .contains("value-0", "value-999");
        }
    }

    @Test
    void deletesATemporaryDataDirOnClose() {
        Path dir;
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().start()) {
            dir = kafka.dataDir();
            assertThat(dir).isDirectory();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void refusesADataDirHoldingAClusterOfAnotherSize(@TempDir Path dataDir) {
        EmbeddedKafkaCluster.builder().dataDir(dataDir).start().close();

        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().dataDir(dataDir).brokers(3).start())
                .isInstanceOf(DataDirConflictException.class)
                .hasMessageContaining("holds a 1-broker cluster")
                .hasMessageContaining("--brokers 1");
    }

    @Test
    void refusesANonEmptyDirectoryThatIsNotAClusterDataDir(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve("notes.txt"), "something else");

        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().dataDir(dataDir).start())
                .isInstanceOf(DataDirConflictException.class)
                .hasMessageContaining("is not empty")
                .hasMessageContaining("choose an empty or new --data-dir");
    }
}
