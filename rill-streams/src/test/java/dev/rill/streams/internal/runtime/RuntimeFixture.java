package dev.rill.streams.internal.runtime;

import dev.rill.streams.DefaultKafkaClientSupplier;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.internal.engine.ErrorHandling;
import dev.rill.streams.internal.engine.RecordCollector;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.internal.engine.TaskMetrics;
import dev.rill.streams.internal.state.CacheBudget;
import dev.rill.streams.internal.topology.TopologyAccess;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.processor.TaskId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A count topology ({@code <in>} grouped by key, counted into the logged RocksDB store "counts") with the runtime
 * pieces of one stream thread built around it, for tests of those pieces against a real broker.
 */
final class RuntimeFixture {
    final String app;
    final String input;
    final StreamsConfig config;
    final TaskFactory factory;
    final ClientFactory clients;
    final TaskDirectoryLocks locks = new TaskDirectoryLocks();
    final TaskMetrics metrics = new TaskMetrics();

    RuntimeFixture(String app, String input, String bootstrap, Path stateDir, Map<String, Object> extra) {
        this.app = app;
        this.input = input;
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(input).groupByKey().count(Materialized.as("counts"));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.putAll(extra);
        this.config = new StreamsConfig(p);
        this.factory = new TaskFactory(TopologyAccess.builderOf(b.build()), config);
        this.clients = new ClientFactory(config, new DefaultKafkaClientSupplier(), "process-1");
    }

    TaskManager taskManager(RecordCollector collector) {
        return new TaskManager(app + "-thread", factory, collector, new ErrorHandling(config, metrics), metrics,
                new CacheBudget(config.cacheMaxBytes()), locks, topic -> 2, config.exactlyOnce());
    }

    TaskId task(int partition) {
        return new TaskId(factory.subtopologyOf(input), partition);
    }

    TopicPartition in(int partition) {
        return new TopicPartition(input, partition);
    }

    TopicPartition changelog(int partition) {
        return new TopicPartition(app + "-counts-changelog", partition);
    }

    /** Input records with the given keys, at consecutive offsets from {@code firstOffset}. */
    List<ConsumerRecord<byte[], byte[]>> records(int partition, long firstOffset, String... keys) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long offset = firstOffset;
        for (String k : keys) {
            byte[] key = k.getBytes(StandardCharsets.UTF_8);
            byte[] value = "v".getBytes(StandardCharsets.UTF_8);
            out.add(new ConsumerRecord<>(input, partition, offset, 1_000L + offset, TimestampType.CREATE_TIME,
                    key.length, value.length, key, value, new dev.rill.streams.processor.api.SimpleHeaders(),
                    Optional.empty()));
            offset++;
        }
        return out;
    }

    /** Starts the tasks of the partitions and runs them at once (their changelogs are empty). */
    static List<StreamTask> runAll(TaskManager manager, List<TopicPartition> partitions) {
        TaskManager.Assigned a = manager.assign(partitions, java.util.Set.of());
        return manager.restored(a.toRestore());
    }
}
