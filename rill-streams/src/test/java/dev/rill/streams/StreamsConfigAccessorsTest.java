package dev.rill.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** StreamsConfig's prefixes, client tags, client supplier and topology-optimization values. */
class StreamsConfigAccessorsTest {

    private static StreamsConfig config(Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "acc-app");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
        p.putAll(extra);
        return new StreamsConfig(p);
    }

    /** A supplier of its own class, to see that default.client.supplier is instantiated. */
    public static final class OwnSupplier extends DefaultKafkaClientSupplier {
    }

    @Test
    void prefixesAreKafkaStreamsOnes() {
        assertThat(StreamsConfig.mainConsumerPrefix("x")).isEqualTo("main.consumer.x");
        assertThat(StreamsConfig.restoreConsumerPrefix("x")).isEqualTo("restore.consumer.x");
        assertThat(StreamsConfig.globalConsumerPrefix("x")).isEqualTo("global.consumer.x");
        assertThat(StreamsConfig.clientTagPrefix("zone")).isEqualTo("client.tag.zone");
    }

    @Test
    void clientTagsAreReadAndLimited() {
        assertThat(config(Map.of("client.tag.zone", "eu-1", "client.tag.rack", "r7")).getClientTags())
                .isEqualTo(Map.of("zone", "eu-1", "rack", "r7"));
        assertThatThrownBy(() -> config(Map.of("client.tag.a", "1", "client.tag.b", "1", "client.tag.c", "1",
                "client.tag.d", "1", "client.tag.e", "1", "client.tag.f", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at most 5 client tags, but found 6");
        assertThatThrownBy(() -> config(Map.of("client.tag.zone", "a-value-longer-than-24-chars")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("client.tag.zone");
    }

    @Test
    void theClientSupplierIsANewInstanceOfTheConfiguredClass() {
        assertThat(config(Map.of()).getKafkaClientSupplier()).isExactlyInstanceOf(DefaultKafkaClientSupplier.class);
        StreamsConfig own = config(Map.of(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, OwnSupplier.class.getName()));
        assertThat(own.getKafkaClientSupplier()).isInstanceOf(OwnSupplier.class)
                .isNotSameAs(own.getKafkaClientSupplier());
        assertThatThrownBy(() -> config(Map.of(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, String.class)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("default.client.supplier");
    }

    @Test
    void topologyOptimizationValuesAreVerified() {
        assertThat(StreamsConfig.verifyTopologyOptimizationConfigs("none")).isEmpty();
        assertThat(StreamsConfig.verifyTopologyOptimizationConfigs("all")).containsExactlyInAnyOrder(
                "reuse.ktable.source.topics", "merge.repartition.topics", "single.store.self.join");
        assertThat(StreamsConfig.verifyTopologyOptimizationConfigs("merge.repartition.topics, single.store.self.join"))
                .isEqualTo(Set.of("merge.repartition.topics", "single.store.self.join"));
        assertThatThrownBy(() -> StreamsConfig.verifyTopologyOptimizationConfigs("all,merge.repartition.topics"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("all,merge.repartition.topics");
        assertThatThrownBy(() -> config(Map.of(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, "fast")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("topology.optimization=fast");
    }

    @Test
    void buildWithPropertiesChecksTheOptimizationSettingAndReturnsTheTopology() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in").to("out");
        Properties all = new Properties();
        all.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);

        assertThat(b.build(all)).isSameAs(b.build()).isSameAs(b.build(new Properties()));
        assertThat(b.build(all).describe().toString()).isEqualTo(b.build().describe().toString());
        Properties bad = new Properties();
        bad.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, "fastest");
        assertThatThrownBy(() -> b.build(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("topology.optimization=fastest");
    }

    @Test
    void configDefDocumentsEveryStreamsKeyWithTheDefaultsRillApplies() {
        var def = StreamsConfig.configDef();
        StreamsConfig defaults = config(Map.of());

        assertThat(def.names()).contains(StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.STATE_DIR_CONFIG,
                StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG,
                StreamsConfig.RESTORE_THREADS_CONFIG,
                StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG,
                StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG).hasSize(27);
        assertThat(def.defaultValues()).containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, defaults.numStreamThreads())
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, defaults.commitIntervalMs())
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, defaults.pollMs())
                .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, defaults.maxTaskIdleMs())
                .containsEntry(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG,
                        defaults.bufferedRecordsPerPartition())
                .containsEntry(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG,
                        defaults.windowStoreChangelogAdditionalRetentionMs())
                .containsEntry(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, defaults.repartitionPurgeIntervalMs())
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, defaults.replicationFactor())
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, defaults.numStandbyReplicas())
                .containsEntry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, defaults.cacheMaxBytes())
                .containsEntry(StreamsConfig.ROCKSDB_MEMORY_MAX_BYTES_CONFIG, defaults.rocksDbMemoryBytes())
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, defaults.processingGuarantee())
                .containsEntry(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
                        defaults.defaultTimestampExtractor().getClass())
                .containsEntry(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, defaults.getKafkaClientSupplier().getClass());
        assertThat(def.toHtml()).contains("application.id", "topology.optimization");
    }
}
