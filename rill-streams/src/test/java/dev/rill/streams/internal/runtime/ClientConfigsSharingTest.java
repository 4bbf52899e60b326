package dev.rill.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.AutoOffsetReset;
import dev.rill.streams.DefaultKafkaClientSupplier;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.internal.topology.TopologyAccess;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.state.HostInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** StreamsConfig's get*Configs show exactly what the runtime's clients get; StreamsMetadata compares by value. */
class ClientConfigsSharingTest {

    private static StreamsConfig config(Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "share-app");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
        p.put(StreamsConfig.CLIENT_ID_CONFIG, "share-client");
        p.putAll(extra);
        return new StreamsConfig(p);
    }

    private static AssignmentContext context(StreamsConfig config, boolean ownReset) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", ownReset ? Consumed.with(AutoOffsetReset.latest()) : Consumed.with(null, null)).to("out");
        return new AssignmentContext(new TaskFactory(TopologyAccess.builderOf(b.build()), config), "process-1");
    }

    @Test
    void theAccessorsReturnWhatTheClientFactoryGivesEachClient() {
        StreamsConfig config = config(Map.of("max.poll.records", "50", "main.consumer.max.poll.records", "60",
                "restore.consumer.max.poll.records", "70", "global.consumer.max.poll.records", "80",
                "producer.linger.ms", "3", "admin.request.timeout.ms", "1234", "group.instance.id", "node"));
        ClientFactory f = new ClientFactory(config, new DefaultKafkaClientSupplier(), "process-1");
        AssignmentContext ctx = context(config, false);

        Map<String, Object> main = new HashMap<>(f.mainConsumerConfigs("t-1", 0, ctx));
        main.remove(RillPartitionAssignor.CONTEXT_CONFIG);
        assertThat(config.getMainConsumerConfigs("share-app", "t-1-consumer", 1)).isEqualTo(main)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "60")
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "node-1");
        assertThat(config.getRestoreConsumerConfigs("r")).isEqualTo(f.restoreConsumerConfigs("r"))
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "70")
                .doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(config.getGlobalConsumerConfigs("share-client-GlobalStreamThread-consumer"))
                .isEqualTo(f.globalConsumerConfigs()).containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "80");
        assertThat(config.getProducerConfigs("t-1-producer")).isEqualTo(f.producerConfigs("t-1", 0))
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "3");
        assertThat(config.getAdminConfigs("share-client-admin")).isEqualTo(f.adminConfigs())
                .containsEntry("request.timeout.ms", "1234");
    }

    @Test
    void aSourceWithItsOwnResetPolicyTurnsTheConsumersResetOff() {
        StreamsConfig config = config(Map.of("auto.offset.reset", "latest"));
        ClientFactory f = new ClientFactory(config, new DefaultKafkaClientSupplier(), "process-1");

        assertThat(f.mainConsumerConfigs("t-1", 0, context(config, false)))
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        assertThat(f.mainConsumerConfigs("t-1", 0, context(config, true)))
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        assertThat(config.getMainConsumerConfigs("share-app", "c", 1))
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    }

    @Test
    void streamsMetadataIsEqualByValue() {
        StreamsMetadataImpl a = new StreamsMetadataImpl(new HostInfo("h", 1), Set.of("s"),
                Set.of(new TopicPartition("t", 0)), Set.of(), Set.of());
        StreamsMetadataImpl same = new StreamsMetadataImpl(new HostInfo("h", 1), Set.of("s"),
                Set.of(new TopicPartition("t", 0)), Set.of(), Set.of());
        StreamsMetadataImpl other = new StreamsMetadataImpl(new HostInfo("h", 1), Set.of("s"),
                Set.of(new TopicPartition("t", 1)), Set.of(), Set.of());

        assertThat(a).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
    }
}
