package dev.rill.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.DefaultKafkaClientSupplier;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.internal.topology.TopologyAccess;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** Every client's configuration: Rill's defaults, overridden by the user's settings, overridden by forced keys. */
class ClientFactoryTest {

    private static StreamsConfig config(Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "cf-app");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
        p.put(StreamsConfig.CLIENT_ID_CONFIG, "cf-client");
        p.putAll(extra);
        return new StreamsConfig(p);
    }

    private static AssignmentContext context(StreamsConfig config) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in").to("out");
        return new AssignmentContext(new TaskFactory(TopologyAccess.builderOf(b.build()), config), "process-1");
    }

    @Test
    void theMainConsumerJoinsTheApplicationsGroupWithRillsAssignorWhateverTheUserSets() {
        StreamsConfig config = config(Map.of("group.id", "other", "enable.auto.commit", "true",
                "max.poll.records", "77", "consumer.group.protocol", "consumer"));
        AssignmentContext ctx = context(config);

        Map<String, Object> c = new ClientFactory(config, new DefaultKafkaClientSupplier(), "process-1")
                .mainConsumerConfigs("t-1", 0, ctx);

        assertThat(c).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "cf-app")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic")
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        RillPartitionAssignor.class.getName())
                .containsEntry(RillPartitionAssignor.CONTEXT_CONFIG, ctx)
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "t-1-consumer")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "77")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void staticMembershipGivesEachThreadItsOwnInstanceId() {
        StreamsConfig config = config(Map.of("group.instance.id", "node-a"));
        ClientFactory f = new ClientFactory(config, new DefaultKafkaClientSupplier(), "process-1");

        assertThat(f.mainConsumerConfigs("t-1", 0, context(config)))
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "node-a-1");
        assertThat(f.mainConsumerConfigs("t-2", 1, context(config)))
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "node-a-2");
    }

    @Test
    void theProducerHasRillsBatchingDefaultsUnlessTheUserSetsThem() {
        ClientFactory defaults = new ClientFactory(config(Map.of()), new DefaultKafkaClientSupplier(), "process-1");
        assertThat(defaults.producerConfigs("t-1", 0)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "t-1-producer");

        ClientFactory user = new ClientFactory(config(Map.of("producer.linger.ms", "5", "client.id", "x")),
                new DefaultKafkaClientSupplier(), "process-1");
        assertThat(user.producerConfigs("t-1", 0)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "t-1-producer");
    }

    @Test
    void restoreAndGlobalConsumersHaveNoGroupAndStartFromTheEarliestOffset() {
        StreamsConfig config = config(Map.of("group.id", "other", "auto.offset.reset", "latest"));
        ClientFactory f = new ClientFactory(config, new DefaultKafkaClientSupplier(), "process-1");

        for (Map<String, Object> c : new Map[] {f.restoreConsumerConfigs("t-1-restore-consumer"),
                f.globalConsumerConfigs()}) {
            assertThat(c).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                    .doesNotContainKey(ConsumerConfig.GROUP_PROTOCOL_CONFIG)
                    .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                    .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        assertThat(f.restoreConsumerConfigs("t-1-restore-consumer"))
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "t-1-restore-consumer")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        assertThat(f.globalConsumerConfigs())
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "cf-client-GlobalStreamThread-consumer");
    }

    @Test
    void theAdminClientGetsTheAdminSettings() {
        ClientFactory f = new ClientFactory(config(Map.of("admin.request.timeout.ms", "1234")),
                new DefaultKafkaClientSupplier(), "process-1");
        assertThat(f.adminConfigs()).containsEntry("request.timeout.ms", "1234")
                .containsEntry("bootstrap.servers", "broker:9092");
    }

    @Test
    void underExactlyOnceTheProducerIsTransactionalPerThreadAndEveryConsumerReadsCommittedOnly() {
        StreamsConfig config = config(Map.of("processing.guarantee", "exactly_once_v2", "acks", "1",
                "isolation.level", "read_uncommitted"));
        ClientFactory f = new ClientFactory(config, new DefaultKafkaClientSupplier(), "process-1");

        assertThat(f.producerConfigs("t-1", 0)).containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "cf-app-process-1-1")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        assertThat(f.producerConfigs("t-2", 1)).containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "cf-app-process-1-2");
        for (Map<String, Object> c : List.of(f.mainConsumerConfigs("t-1", 0, context(config)),
                f.restoreConsumerConfigs("r"), f.globalConsumerConfigs())) {
            assertThat(c).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
    }

    @Test
    void atLeastOnceProducersAreNotTransactional() {
        ClientFactory f = new ClientFactory(config(Map.of()), new DefaultKafkaClientSupplier(), "process-1");
        assertThat(f.producerConfigs("t-1", 0)).doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
                .doesNotContainKey(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        assertThat(f.mainConsumerConfigs("t-1", 0, context(config(Map.of()))))
                .doesNotContainKey(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
    }
}
