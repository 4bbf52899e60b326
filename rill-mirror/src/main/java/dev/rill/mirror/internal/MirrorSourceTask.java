package dev.rill.mirror.internal;

import static dev.rill.mirror.internal.MirrorConnectorConfig.SOURCE_CLUSTER_PREFIX;
import static dev.rill.mirror.internal.MirrorConnectorConfig.TARGET_CLUSTER_PREFIX;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.mirror.ReplicationPolicy;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicates the source partitions this task owns to their remote topics: same partition, key, value, headers and
 * timestamp, as bytes. The task itself looks for new topics and partitions every {@code
 * refresh.topics.interval.seconds} (1 s by default) and takes the ones it owns at once, creating or growing the
 * remote topic first, so a new topic needs no task restart. Ownership: as {@link PartitionAssignment} deals the
 * partitions the connector knew out over the tasks; later ones by a hash of topic and partition.
 * Positions are Connect source offsets in MirrorMaker 2's shape ({cluster, topic, partition} → {offset}); offset
 * syncs are written as {@link OffsetSyncEmitter} decides. Metrics per owned partition: {@link MirrorSourceMetrics}.
 */
public final class MirrorSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(MirrorSourceTask.class);

    private final Object consumerLock = new Object();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, String> remoteNames = new HashMap<>();
    private final Map<TopicPartition, Map<String, Object>> partitionMaps = new HashMap<>();
    private Set<TopicPartition> assigned = Set.of();

    private MirrorConnectorConfig config;
    private ReplicationPolicy policy;
    private TopicSelection selection;
    private PartitionAssignment assignment;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> syncProducer;
    private Admin sourceAdmin;
    private Admin targetAdmin;
    private Admin syncAdmin;
    private RemoteTopics remoteTopics;
    private OffsetSyncEmitter emitter;
    private MirrorSourceMetrics metrics;
    private String offsetSyncsTopic;
    private boolean offsetSyncsTopicReady;
    private long nextRefresh;
    private long pollTimeoutMs;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            config = new MirrorConnectorConfig(props);
        } catch (ConfigException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        policy = config.replicationPolicy();
        selection = new TopicSelection(config.topicFilter(), policy, config.targetAlias());
        assignment = config.partitionAssignment();
        pollTimeoutMs = config.getLong(MirrorConnectorConfig.CONSUMER_POLL_TIMEOUT);
        sourceAdmin = Admin.create(config.clientConfig(SOURCE_CLUSTER_PREFIX, "admin"));
        targetAdmin = Admin.create(config.clientConfig(TARGET_CLUSTER_PREFIX, "admin"));
        remoteTopics = new RemoteTopics(sourceAdmin, targetAdmin, config.configPropertyFilter(),
                config.replicationFactor(MirrorConnectorConfig.REPLICATION_FACTOR));
        consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        String syncCluster = config.offsetSyncsOnSource() ? SOURCE_CLUSTER_PREFIX : TARGET_CLUSTER_PREFIX;
        syncAdmin = config.offsetSyncsOnSource() ? sourceAdmin : targetAdmin;
        Map<String, Object> producerConfig = config.clientConfig(syncCluster, "producer");
        producerConfig.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        syncProducer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        offsetSyncsTopic = policy.offsetSyncsTopic(config.targetAlias());
        metrics = new MirrorSourceMetrics(config.sourceAlias(), config.targetAlias());
        emitter = new OffsetSyncEmitter(config.getLong(MirrorConnectorConfig.OFFSET_LAG_MAX),
                sync -> {
                    if (stopped.getCount() == 0) {
                        return; // the producer is closed; the next start writes a sync for its first record
                    }
                    syncProducer.send(new ProducerRecord<>(offsetSyncsTopic, 0,
                        MirrorFormats.offsetSyncKey(sync.partition()),
                        MirrorFormats.offsetSyncValue(sync.upstreamOffset(), sync.downstreamOffset())),
                        (md, e) -> {
                            if (e != null) {
                                log.warn("Could not write an offset sync to {}: {}", offsetSyncsTopic, e.toString());
                            }
                        });
                });
        refresh();
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> consumerConfig = config.clientConfig(SOURCE_CLUSTER_PREFIX, "consumer");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG); // positions are Connect offsets, not a group's
        return consumerConfig;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopped.getCount() == 0) {
            return null;
        }
        if (System.currentTimeMillis() >= nextRefresh) {
            refresh();
        }
        long wait = Math.max(1, Math.min(pollTimeoutMs, nextRefresh - System.currentTimeMillis()));
        if (assigned.isEmpty()) {
            stopped.await(wait, TimeUnit.MILLISECONDS);
            return null;
        }
        ConsumerRecords<byte[], byte[]> records;
        synchronized (consumerLock) {
            if (stopped.getCount() == 0) {
                return null;
            }
            try {
                records = consumer.poll(Duration.ofMillis(wait));
            } catch (WakeupException e) {
                return null;
            }
        }
        if (records.isEmpty()) {
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            SourceRecord converted = convert(record);
            metrics.read(new TopicPartition(converted.topic(), record.partition()), record.timestamp(),
                    record.value() == null ? 0 : record.value().length);
            out.add(converted);
        }
        return out;
    }

    private SourceRecord convert(ConsumerRecord<byte[], byte[]> record) {
        ConnectHeaders headers = new ConnectHeaders();
        for (Header header : record.headers()) {
            headers.add(header.key(), new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, header.value()));
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Long timestamp = record.timestamp() >= 0 ? record.timestamp() : null;
        return new SourceRecord(partitionMap(partition), Map.of("offset", record.offset()),
                remoteNames.get(record.topic()), record.partition(),
                Schema.OPTIONAL_BYTES_SCHEMA, record.key(), Schema.OPTIONAL_BYTES_SCHEMA, record.value(),
                timestamp, headers);
    }

    private Map<String, Object> partitionMap(TopicPartition partition) {
        return partitionMaps.computeIfAbsent(partition, p -> MirrorFormats.replicatedPartition(p, config.sourceAlias()));
    }

    /** Finds the partitions this task owns now, makes sure their remote topics exist, and assigns them. */
    private void refresh() {
        long interval = config.getBoolean(MirrorConnectorConfig.REFRESH_TOPICS_ENABLED)
                ? config.seconds(MirrorConnectorConfig.REFRESH_TOPICS_INTERVAL) * 1000 : Long.MAX_VALUE / 2;
        try {
            if (!offsetSyncsTopicReady) {
                RemoteTopics.ensureInternalTopic(syncAdmin, offsetSyncsTopic,
                        config.replicationFactor(MirrorConnectorConfig.OFFSET_SYNCS_REPLICATION_FACTOR));
                offsetSyncsTopicReady = true;
            }
            List<String> topics = remoteTopics.sourceTopics().stream().filter(selection::replicates).toList();
            Set<TopicPartition> wanted = new HashSet<>();
            for (Map.Entry<String, Integer> e : remoteTopics.sourcePartitions(topics).entrySet()) {
                String topic = e.getKey();
                List<TopicPartition> owned = new ArrayList<>();
                for (int p = 0; p < e.getValue(); p++) {
                    if (assignment.owner(topic, p) == config.taskIndex()) {
                        owned.add(new TopicPartition(topic, p));
                    }
                }
                if (!owned.isEmpty()) {
                    String remote = remoteNames.computeIfAbsent(topic,
                            t -> policy.formatRemoteTopic(config.sourceAlias(), t));
                    remoteTopics.ensure(topic, remote, e.getValue());
                    wanted.addAll(owned);
                }
            }
            if (!wanted.equals(assigned)) {
                reassign(wanted);
            }
            nextRefresh = System.currentTimeMillis() + interval;
        } catch (KafkaException e) {
            log.warn("Mirror {}->{}: could not refresh the replicated topics ({}); retrying in {} s",
                    config.sourceAlias(), config.targetAlias(), e.getMessage(),
                    config.seconds(MirrorConnectorConfig.REFRESH_TOPICS_INTERVAL));
            nextRefresh = System.currentTimeMillis()
                    + config.seconds(MirrorConnectorConfig.REFRESH_TOPICS_INTERVAL) * 1000;
        }
    }

    private void reassign(Set<TopicPartition> wanted) {
        Set<TopicPartition> added = new HashSet<>(wanted);
        added.removeAll(assigned);
        for (TopicPartition gone : assigned) {
            if (!wanted.contains(gone)) {
                emitter.forget(gone);
            }
        }
        List<Map<String, Object>> keys = added.stream().map(this::partitionMap).toList();
        Map<Map<String, Object>, Map<String, Object>> offsets = context.offsetStorageReader().offsets(keys);
        synchronized (consumerLock) {
            if (stopped.getCount() == 0) {
                return;
            }
            consumer.assign(wanted);
            for (TopicPartition partition : added) {
                Map<String, Object> offset = offsets.get(partitionMap(partition));
                if (offset != null && offset.get("offset") instanceof Number position) {
                    consumer.seek(partition, position.longValue() + 1);
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
        }
        log.info("Mirror {}->{} task {}: replicating {} partitions ({} new)", config.sourceAlias(),
                config.targetAlias(), config.taskIndex(), wanted.size(), added.size());
        assigned = Set.copyOf(wanted);
        metrics.owned(wanted.stream().map(p -> new TopicPartition(remoteNames.get(p.topic()), p.partition()))
                .collect(Collectors.toSet()));
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (metadata == null || !metadata.hasOffset()) {
            return;
        }
        Map<String, ?> partition = record.sourcePartition();
        TopicPartition source = new TopicPartition((String) partition.get("topic"),
                ((Number) partition.get("partition")).intValue());
        long upstream = ((Number) record.sourceOffset().get("offset")).longValue();
        emitter.acknowledged(source, upstream, metadata.offset());
        metrics.replicated(new TopicPartition(metadata.topic(), metadata.partition()),
                record.timestamp() == null ? -1 : record.timestamp());
    }

    @Override
    public void commit() {
        if (emitter != null) {
            emitter.flush();
        }
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (consumer != null) {
            consumer.wakeup();
            synchronized (consumerLock) {
                consumer.close(Duration.ofSeconds(5));
            }
        }
        if (syncProducer != null) {
            syncProducer.close(Duration.ofSeconds(5));
        }
        // pending admin calls are abandoned (the next start repeats what they were for): an unreachable cluster
        // must not hold up the task's stop
        if (sourceAdmin != null) {
            sourceAdmin.close(Duration.ZERO);
        }
        if (targetAdmin != null) {
            targetAdmin.close(Duration.ZERO);
        }
        if (metrics != null) {
            metrics.close(); // unregisters the MBeans: a restarted task registers its own
        }
    }
}
